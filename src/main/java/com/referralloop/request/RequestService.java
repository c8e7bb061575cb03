package com.referralloop.request;

import com.referralloop.audit.AuditLog;
import com.referralloop.chat.ChatUser;
import com.referralloop.referral.AskService;
import com.referralloop.referral.ConsentService;
import com.referralloop.referral.Permissions;
import com.referralloop.referral.ShortIds;
import com.referralloop.support.InvalidInputException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Service;

/**
 * A rep's reference request: checks it (nothing is stored when anything is wrong), stores it as REQUESTED and
 * sends the owner the approval card. Any member of the workspace may request; the owner decides.
 */
@Service
public class RequestService {

    private final RequestStore store;
    private final RequestTargets targets;
    private final RequestNotices notices;
    private final Permissions permissions;
    private final ConsentService consents;
    private final AskService asks;
    private final RequestProperties props;
    private final Clock clock;

    RequestService(RequestStore store, RequestTargets targets, RequestNotices notices, Permissions permissions,
                   ConsentService consents, AskService asks, RequestProperties props, Clock clock) {
        this.store = store;
        this.targets = targets;
        this.notices = notices;
        this.permissions = permissions;
        this.consents = consents;
        this.asks = asks;
        this.props = props;
        this.clock = clock;
    }

    public ReferenceRequest request(ChatUser by, RequestDraft d) {
        permissions.requireMember(by, "request references");
        String prospect = clean(d.prospect());
        if (prospect == null) {
            throw new InvalidInputException("missing for=<prospect>: the company the reference would talk to");
        }
        RequestNeed need = RequestNeed.parse(d.need());
        Long amount = Money.parse(d.amount(), "amount=");
        LocalDate byDate = date(d.by());
        RequestTargets.Target t = targets.resolve(by, d.target(), need);
        String override = clean(d.override());
        String problem = targets.problem(t.contact(), t.account(), need, override);
        if (problem != null) {
            throw new RequestException("Cannot request this reference: " + problem + ". Nothing was recorded.");
        }
        String deal = clean(d.deal());
        if (store.alreadyAskedFor(t.contact().id(), prospect, deal)) {
            throw new RequestException("This customer was already asked for " + (deal != null ? "deal " + deal : prospect)
                    + "; see /reference requests. A customer is never asked twice for the same deal. Nothing was recorded.");
        }
        Instant now = clock.instant();
        String[] criteria = criteria(d.criteria());
        ReferenceRequest r = new ReferenceRequest(ShortIds.next('Q'), t.contact().id(), t.account().id(), t.account().name(),
                t.project() == null ? null : t.project().id(),
                t.project() == null ? null : ReferenceHandle.of(t.project().id(), t.contact().id()).toString(),
                t.account().owner() == null ? null : lower(t.account().owner().email()),
                t.account().owner() == null ? null : t.account().owner().slackUserId(),
                t.account().owner() == null ? null : t.account().owner().discordUserId(),
                keyOf(by), by.mention(), by.platform().name(), by.id(), lower(by.email()), prospect, clean(d.industry()),
                d.shareProspect(), deal, amount, need, byDate, clean(d.note()), criteria[0], criteria[1], criteria[2],
                RequestState.REQUESTED, override, null, null, null, now, now, now.plus(props.approvalReminder()), 0,
                List.of(new RequestEvent("REQUESTED", AuditLog.who(by), now, null, RequestState.REQUESTED,
                        "for " + prospect + (override == null ? "" : "; override asked: " + override))));
        store.insert(r);
        notices.toOwner(r, "requested", RequestMessages.forOwner(r, t.contact(), consents.describe(t.contact().id()),
                asks.asksThisQuarter(t.contact().id()), asks.limit()));
        return r;
    }

    /** The owner's suggestion: the same request for another contact of the account, back to the owner's approval. */
    ReferenceRequest resuggest(ReferenceRequest r, com.referralloop.account.Contact other, ChatUser by) {
        Instant now = clock.instant();
        ReferenceRequest next = new ReferenceRequest(ShortIds.next('Q'), other.id(), r.accountId(), r.accountName(),
                r.projectId(), r.projectId() == null ? null : ReferenceHandle.of(r.projectId(), other.id()).toString(),
                r.ownerEmail(), r.ownerSlackId(), r.ownerDiscordId(), r.requesterKey(), r.requesterName(),
                r.requesterPlatform(), r.requesterChatId(), r.requesterEmail(), r.prospect(), r.industry(), r.shareProspect(),
                r.deal(), r.amount(), r.need(), r.by(), r.note(), r.searchStrength(), r.searchIndustry(), r.searchProduct(),
                RequestState.REQUESTED, null, null, null, null, now, now, now.plus(props.approvalReminder()), 0,
                List.of(new RequestEvent("REQUESTED", AuditLog.who(by), now, null, RequestState.REQUESTED,
                        "suggested by the owner instead of request " + r.id())));
        store.insert(next);
        notices.toOwner(next, "requested", RequestMessages.forOwner(next, other, consents.describe(other.id()),
                asks.asksThisQuarter(other.id()), asks.limit()));
        return next;
    }

    /** The stable key of a requester across sessions, e.g. {@code slack:U123}. */
    public static String keyOf(ChatUser u) {
        return u.platform().name().toLowerCase(Locale.ROOT) + ":" + u.id();
    }

    /** The user's requests, newest first, in {@code state} when given. */
    public List<ReferenceRequest> mine(ChatUser by, RequestState state, int limit) {
        permissions.requireMember(by, "see reference requests");
        return store.byRequester(keyOf(by), state, limit);
    }

    /** How many requests {@link #mine} would list with no limit: counted by MongoDB. */
    public long countMine(ChatUser by, RequestState state) {
        return store.countByRequester(keyOf(by), state);
    }

    private LocalDate date(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        LocalDate d;
        try {
            d = LocalDate.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("by=" + raw + " is not a date; type it as yyyy-mm-dd, e.g. by="
                    + LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusDays(14));
        }
        if (d.isBefore(LocalDate.now(clock.withZone(ZoneOffset.UTC)))) {
            throw new InvalidInputException("by=" + d + " is in the past; give the date the reference is needed by, "
                    + "today or later");
        }
        return d;
    }

    /** "strength=migration;industry=retail" as the search had it, for the next-best offer. */
    private static String[] criteria(String raw) {
        String[] out = new String[3];
        if (raw != null) {
            for (String part : raw.trim().split(";")) {
                String[] kv = part.split("=", 2);
                if (kv.length == 2 && !kv[1].isBlank()) {
                    switch (kv[0]) {
                        case "strength" -> out[0] = kv[1];
                        case "industry" -> out[1] = kv[1];
                        case "product" -> out[2] = kv[1];
                        default -> { }
                    }
                }
            }
        }
        return out;
    }

    static String clean(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String lower(String s) {
        return s == null ? null : s.trim().toLowerCase(Locale.ROOT);
    }
}
