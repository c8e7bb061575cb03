package com.referralloop.crm.salesforce;

import com.referralloop.crm.CrmAccount;
import com.referralloop.crm.CrmConnector;
import com.referralloop.crm.CrmContact;
import com.referralloop.crm.CrmPage;
import com.referralloop.crm.CrmProperties;
import com.referralloop.crm.CrmReferralOutcome;
import com.referralloop.crm.CrmRemoval;
import com.referralloop.crm.CrmWrite;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Salesforce behind the CRM port. Reads are SOQL ordered by {@code SystemModstamp} from the mark on, paged by
 * the query's {@code nextRecordsUrl} (2,000 records a page); an account's owner and the owner's manager come in
 * the same query ({@code Owner.Email}, {@code Owner.Manager.Email}); deleted and merged contacts come from
 * {@code queryAll} with {@code IsDeleted = true} while they sit in the recycle bin (15 days). Fields are
 * checked against {@code /sobjects/<object>/describe}.
 */
public class SalesforceConnector implements CrmConnector {

    static final String SETUP_HINT = "Salesforce custom fields are deployed, not created by the bot: deploy "
            + "manifests/salesforce (cd manifests/salesforce && sf project deploy start --source-dir force-app "
            + "--target-org <org>), assign the Referral_Loop_Integration permission set to the integration user, "
            + "or change the mapping (REFERRAL_CRM_FIELD_*); see docs/crm.md";

    private final SalesforceApi api;
    private final CrmProperties.Fields fields;
    private final SalesforceWriter writer;

    SalesforceConnector(SalesforceApi api, SalesforceWriter writer, CrmProperties.Fields fields) {
        this.api = api;
        this.writer = writer;
        this.fields = new CrmProperties.Fields(Soql.field(fields.slackUserId(), "REFERRAL_CRM_FIELD_SLACK_USER_ID"),
                Soql.field(fields.discordUserId(), "REFERRAL_CRM_FIELD_DISCORD_USER_ID"),
                Soql.field(fields.preferredChannel(), "REFERRAL_CRM_FIELD_PREFERRED_CHANNEL"),
                Soql.field(fields.csChannel(), "REFERRAL_CRM_FIELD_CS_CHANNEL"),
                Soql.field(fields.managerEmail(), "REFERRAL_CRM_FIELD_MANAGER_EMAIL"));
    }

    @Override
    public String name() {
        return "salesforce";
    }

    @Override
    public long calls() {
        return api.calls();
    }

    @Override
    public CrmPage<CrmAccount> changedAccounts(Instant since, String cursor) {
        String soql = Soql.changedSince(Arrays.asList("Id", "Name", "SystemModstamp", "Owner.Email", "Owner.Manager.Email",
                fields.csChannel(), fields.managerEmail()), "Account", since);
        return page(soql, "query", cursor, "Salesforce accounts", r -> {
            // a mapped manager field, when set and filled, names someone else than the owner's manager
            String manager = r.text(fields.managerEmail());
            return new CrmAccount(r.id(), r.text("Name"), r.text("Owner.Email"),
                    manager != null ? manager : r.text("Owner.Manager.Email"), r.text(fields.csChannel()),
                    r.modifiedAt(), r.problem());
        });
    }

    @Override
    public CrmPage<CrmContact> changedContacts(Instant since, String cursor) {
        String soql = Soql.changedSince(Arrays.asList("Id", "AccountId", "Email", "Name", "SystemModstamp",
                fields.preferredChannel(), fields.slackUserId(), fields.discordUserId()),
                "Contact", since);
        return page(soql, "query", cursor, "Salesforce contacts", r -> new CrmContact(r.id(), r.text("AccountId"),
                r.text("Email"), r.text("Name"), r.text(fields.preferredChannel()), r.text(fields.slackUserId()),
                r.text(fields.discordUserId()), r.modifiedAt(), r.problem()));
    }

    @Override
    public CrmPage<CrmRemoval> removedContacts(Instant since, String cursor) {
        String soql = Soql.changedSince(List.of("Id", "Email", "MasterRecordId", "MasterRecord.Email", "SystemModstamp"),
                "Contact", since, "IsDeleted = true");
        return page(soql, "queryAll", cursor, "Salesforce deleted contacts", r -> {
            String email = r.text("Email");
            String master = r.text("MasterRecord.Email");
            // merged into a contact of the same address: the person stays (the merged-into record carries them)
            boolean sameAddress = email != null && master != null && email.equalsIgnoreCase(master);
            return new CrmRemoval(r.id(), sameAddress ? null : email, r.modifiedAt());
        });
    }

    /**
     * Converted referral leads whose opportunity changed since the mark: won ({@code IsWon}), lost (closed, not
     * won) or still open (qualified), with its {@code Amount}; ordered by the opportunity's change time.
     */
    @Override
    public CrmPage<CrmReferralOutcome> changedReferrals(Instant since, String cursor) {
        String opportunity = "ConvertedOpportunity.";
        String soql = Soql.changedSince(List.of("Id", "Email", "ConvertedOpportunityId", opportunity + "IsWon",
                opportunity + "IsClosed", opportunity + "Amount", opportunity + "SystemModstamp"), "Lead",
                opportunity + "SystemModstamp", since, "IsConverted = true", "ConvertedOpportunityId != null",
                "LeadSource = " + Soql.literal(SalesforceWriter.LEAD_SOURCE));
        return page(soql, "query", cursor, "Salesforce referral leads", r -> {
            Instant changed = r.modifiedAt(opportunity + "SystemModstamp");
            boolean won = r.flag(opportunity + "IsWon");
            boolean closed = r.flag(opportunity + "IsClosed");
            Long amount = r.number(opportunity + "Amount");
            CrmReferralOutcome.Outcome outcome = won ? CrmReferralOutcome.Outcome.WON
                    : closed ? CrmReferralOutcome.Outcome.LOST : CrmReferralOutcome.Outcome.QUALIFIED;
            return new CrmReferralOutcome(r.id(), r.text("Email"), outcome, won ? amount : null, changed, r.problem());
        });
    }

    private <T> CrmPage<T> page(String soql, String resource, String cursor, String what,
                                Function<SalesforceRecord, T> map) {
        JsonNode answer = api.get(cursor != null ? cursor : Soql.path(api, resource, soql), what);
        List<T> out = new ArrayList<>();
        for (JsonNode record : answer.path("records")) {
            out.add(map.apply(new SalesforceRecord(record)));
        }
        String next = answer.path("done").asBoolean(true) ? null : answer.path("nextRecordsUrl").asString(null);
        return new CrmPage<>(out, next);
    }

    @Override
    public List<String> missingMappedFields() {
        Map<String, List<String>> mapped = Map.of(
                "Contact", nonNull(fields.slackUserId(), fields.discordUserId(), fields.preferredChannel()),
                "Account", nonNull(fields.csChannel(), fields.managerEmail()));
        return writer.missing(mapped);
    }

    @Override
    public List<String> missingWrittenFields() {
        return writer.missing(SalesforceWriter.WRITTEN);
    }

    @Override
    public String write(CrmWrite write) {
        return writer.write(write);
    }

    /** Salesforce custom fields need a metadata deployment: none is created here, the setup answer says what to deploy. */
    @Override
    public List<String> createMissingFields() {
        return List.of();
    }

    @Override
    public String fieldSetupHint() {
        return SETUP_HINT;
    }

    private static List<String> nonNull(String... names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (n != null) {
                out.add(n);
            }
        }
        return out;
    }
}
