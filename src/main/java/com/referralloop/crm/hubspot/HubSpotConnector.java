package com.referralloop.crm.hubspot;

import com.referralloop.crm.CrmAccount;
import com.referralloop.crm.CrmConnector;
import com.referralloop.crm.CrmContact;
import com.referralloop.crm.CrmField;
import com.referralloop.crm.CrmHttp;
import com.referralloop.crm.CrmPage;
import com.referralloop.crm.CrmProperties;
import com.referralloop.crm.CrmReferralOutcome;
import com.referralloop.crm.CrmRemoval;
import com.referralloop.crm.CrmWrite;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/**
 * HubSpot CRM v3 behind the CRM port. Reads go through the search API sorted by last change with its
 * {@code after} cursor; since a search ends after 10,000 results, a long read restarts from the last change
 * time seen instead of paging on. Owners come from {@code /crm/v3/owners}, a contact's account from its
 * primary company ({@code associatedcompanyid}).
 */
public class HubSpotConnector implements CrmConnector {

    static final int PAGE = 100;
    static final int SEARCH_CAP = 10_000;
    private static final String COMPANY_CHANGED = "hs_lastmodifieddate";
    private static final String CONTACT_CHANGED = "lastmodifieddate";

    private final CrmHttp http;
    private final CrmProperties.HubSpot settings;
    private final CrmProperties.Fields fields;
    private final HubSpotWriter writer;
    private final int searchCap;
    private volatile Map<String, String> ownerEmails = Map.of();

    public HubSpotConnector(CrmHttp http, CrmProperties.HubSpot settings, CrmProperties.Fields fields) {
        this(http, settings, fields, SEARCH_CAP);
    }

    HubSpotConnector(CrmHttp http, CrmProperties.HubSpot settings, CrmProperties.Fields fields, int searchCap) {
        this.http = http;
        this.settings = settings;
        this.fields = fields;
        this.searchCap = searchCap;
        this.writer = new HubSpotWriter(http, settings::accessToken, fields);
    }

    @Override
    public String name() {
        return "hubspot";
    }

    @Override
    public long calls() {
        return http.calls();
    }

    @Override
    public CrmPage<CrmAccount> changedAccounts(Instant since, String cursor) {
        if (cursor == null) {
            ownerEmails = owners();
        }
        List<String> props = List.of("name", "hubspot_owner_id", COMPANY_CHANGED, fields.csChannel(), fields.managerEmail());
        Search s = search("companies", COMPANY_CHANGED, props, since, cursor);
        List<CrmAccount> out = new ArrayList<>();
        for (JsonNode r : s.results) {
            HubSpotRecord rec = new HubSpotRecord(r, COMPANY_CHANGED);
            String owner = rec.text("hubspot_owner_id");
            out.add(new CrmAccount(rec.id(), rec.text("name"), owner == null ? null : ownerEmails.get(owner),
                    rec.text(fields.managerEmail()), rec.text(fields.csChannel()), rec.modifiedAt(), rec.problem()));
        }
        return new CrmPage<>(out, s.next);
    }

    @Override
    public CrmPage<CrmContact> changedContacts(Instant since, String cursor) {
        List<String> props = List.of("email", "firstname", "lastname", "associatedcompanyid", CONTACT_CHANGED,
                fields.preferredChannel(), fields.slackUserId(), fields.discordUserId());
        Search s = search("contacts", CONTACT_CHANGED, props, since, cursor);
        List<CrmContact> out = new ArrayList<>();
        for (JsonNode r : s.results) {
            HubSpotRecord rec = new HubSpotRecord(r, CONTACT_CHANGED);
            String name = String.join(" ", nonBlank(rec.text("firstname"), rec.text("lastname"))).trim();
            out.add(new CrmContact(rec.id(), rec.text("associatedcompanyid"), rec.text("email"), name.isEmpty() ? null : name,
                    rec.text(fields.preferredChannel()), rec.text(fields.slackUserId()), rec.text(fields.discordUserId()),
                    rec.modifiedAt(), rec.problem()));
        }
        return new CrmPage<>(out, s.next);
    }

    @Override
    public CrmPage<CrmRemoval> removedContacts(Instant since, String cursor) {
        String uri = "/crm/v3/objects/contacts?archived=true&limit=" + PAGE + "&properties=email"
                + (cursor == null ? "" : "&after=" + cursor);
        JsonNode answer = http.call(HttpMethod.GET, uri, null, settings::accessToken, "HubSpot archived contacts");
        List<CrmRemoval> out = new ArrayList<>();
        for (JsonNode r : answer.path("results")) {
            Instant at = HubSpotRecord.instant(r.path("archivedAt"));
            if (since == null || at == null || !at.isBefore(since)) {
                out.add(new CrmRemoval(r.path("id").asString(), r.path("properties").path("email").asString(null), at));
            }
        }
        return new CrmPage<>(out, nextAfter(answer));
    }

    /**
     * Contacts the bot wrote as referred leads (the referred-by property present) changed since the mark:
     * lifecycle stage {@code customer} is won (with {@code recent_deal_amount}, which HubSpot rolls up from the
     * contact's latest won deal), lead status {@code UNQUALIFIED} lost, stage {@code opportunity} or
     * {@code salesqualifiedlead} qualified; anything else is still open.
     */
    @Override
    public CrmPage<CrmReferralOutcome> changedReferrals(Instant since, String cursor) {
        String referredBy = CrmField.REFERRED_BY.hubspotName();
        List<String> props = List.of("email", "lifecyclestage", "hs_lead_status", "recent_deal_amount", referredBy,
                CONTACT_CHANGED);
        Search s = search("contacts", CONTACT_CHANGED, props, since, cursor,
                List.of(Map.of("propertyName", referredBy, "operator", "HAS_PROPERTY")));
        List<CrmReferralOutcome> out = new ArrayList<>();
        for (JsonNode r : s.results) {
            HubSpotRecord rec = new HubSpotRecord(r, CONTACT_CHANGED);
            String stage = rec.text("lifecyclestage");
            CrmReferralOutcome.Outcome outcome = "customer".equals(stage) ? CrmReferralOutcome.Outcome.WON
                    : "UNQUALIFIED".equals(rec.text("hs_lead_status")) ? CrmReferralOutcome.Outcome.LOST
                    : "opportunity".equals(stage) || "salesqualifiedlead".equals(stage) ? CrmReferralOutcome.Outcome.QUALIFIED
                    : null;
            Long amount = outcome == CrmReferralOutcome.Outcome.WON ? rec.amount("recent_deal_amount") : null;
            out.add(new CrmReferralOutcome(rec.id(), rec.text("email"), outcome, amount, rec.modifiedAt(), rec.problem()));
        }
        return new CrmPage<>(out, s.next);
    }

    @Override
    public List<String> missingMappedFields() {
        List<String> missing = new ArrayList<>();
        Map<String, List<String>> mapped = Map.of(
                "contacts", List.of(fields.slackUserId(), fields.discordUserId(), fields.preferredChannel()),
                "companies", List.of(fields.csChannel(), fields.managerEmail()));
        mapped.forEach((object, names) -> {
            List<String> known = writer.propertyNames(object);
            names.stream().filter(n -> !known.contains(n)).forEach(n -> missing.add(object + "." + n));
        });
        return missing.stream().sorted().toList();
    }

    @Override
    public String write(CrmWrite write) {
        return writer.write(write);
    }

    @Override
    public List<String> createMissingFields() {
        return writer.createMissingFields();
    }

    @Override
    public List<String> missingWrittenFields() {
        // a fresh portal has none of the bot's properties: name them at start-up, or every write is refused (400)
        return writer.missingFields();
    }

    private record Search(List<JsonNode> results, String next) { }

    /** One search page; the cursor is "sinceMillis|after" so a read can restart at a later time before the cap. */
    private Search search(String object, String changed, List<String> props, Instant since, String cursor) {
        return search(object, changed, props, since, cursor, List.of());
    }

    private Search search(String object, String changed, List<String> props, Instant since, String cursor,
                          List<Map<String, String>> alsoMatching) {
        long from = since == null ? 0 : since.toEpochMilli();
        String after = null;
        if (cursor != null) {
            int bar = cursor.indexOf('|');
            from = Long.parseLong(cursor.substring(0, bar));
            after = bar + 1 < cursor.length() ? cursor.substring(bar + 1) : null;
        }
        Map<String, Object> body = new HashMap<>();
        List<Map<String, String>> filters = new ArrayList<>(alsoMatching);
        filters.add(Map.of("propertyName", changed, "operator", "GTE", "value", Long.toString(from)));
        body.put("filterGroups", List.of(Map.of("filters", filters)));
        body.put("sorts", List.of(Map.of("propertyName", changed, "direction", "ASCENDING")));
        body.put("properties", props.stream().filter(p -> p != null && !p.isBlank()).distinct().toList());
        body.put("limit", PAGE);
        if (after != null) {
            body.put("after", after);
        }
        JsonNode answer = http.call(HttpMethod.POST, "/crm/v3/objects/" + object + "/search", body,
                settings::accessToken, "HubSpot " + object + " search");
        List<JsonNode> results = new ArrayList<>();
        answer.path("results").forEach(results::add);
        String nextAfter = nextAfter(answer);
        if (nextAfter == null || results.isEmpty()) {
            return new Search(results, null);
        }
        if (offset(nextAfter) + PAGE > searchCap) {
            Instant last = HubSpotRecord.instant(results.get(results.size() - 1).path("properties").path(changed));
            // restart from the last change time: records on it are read again, which the upsert shrugs off
            if (last != null && last.toEpochMilli() > from) {
                return new Search(results, last.toEpochMilli() + "|");
            }
        }
        return new Search(results, from + "|" + nextAfter);
    }

    private static int offset(String after) {
        try {
            return Integer.parseInt(after);
        } catch (NumberFormatException opaque) {
            return 0;
        }
    }

    private Map<String, String> owners() {
        Map<String, String> emails = new HashMap<>();
        String after = null;
        do {
            JsonNode answer = http.call(HttpMethod.GET, "/crm/v3/owners?limit=" + PAGE + (after == null ? "" : "&after=" + after),
                    null, settings::accessToken, "HubSpot owners");
            for (JsonNode o : answer.path("results")) {
                String email = o.path("email").asString(null);
                if (email != null && !email.isBlank()) {
                    emails.put(o.path("id").asString(), email);
                }
            }
            after = nextAfter(answer);
        } while (after != null);
        return Map.copyOf(emails);
    }

    static String nextAfter(JsonNode answer) {
        JsonNode after = answer.path("paging").path("next").path("after");
        return after.isMissingNode() || after.isNull() ? null : after.asString();
    }

    private static List<String> nonBlank(String... parts) {
        List<String> out = new ArrayList<>();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                out.add(p.trim());
            }
        }
        return out;
    }
}
