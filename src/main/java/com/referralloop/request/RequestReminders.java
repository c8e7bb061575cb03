package com.referralloop.request;

import com.referralloop.account.AccountService;
import com.referralloop.chat.ChatMessage;
import com.referralloop.chat.Recipient;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The request's SLA, like a follow-up's: an unanswered request reminds the owner, then goes to the owner's
 * manager, then to the admins' channel, the requester seeing each step; an introduction with nothing recorded
 * reminds the requester once. Reads only what is due, by the indexed {@code nextNudgeAt}.
 */
@Component
public class RequestReminders {

    private static final int BATCH = 200;

    private final MongoTemplate mongo;
    private final RequestStore store;
    private final RequestNotices notices;
    private final AccountService accounts;
    private final RequestProperties props;
    private final Clock clock;

    RequestReminders(MongoTemplate mongo, RequestStore store, RequestNotices notices, AccountService accounts,
                     RequestProperties props, Clock clock) {
        this.mongo = mongo;
        this.store = store;
        this.notices = notices;
        this.accounts = accounts;
        this.props = props;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${referral.requests.check-interval:5m}", initialDelayString = "${referral.sla.initial-delay:15s}")
    @SchedulerLock(name = "request-reminders", lockAtMostFor = "${referral.requests.check-interval:5m}")
    public void scheduled() {
        runOnce();
    }

    /** @return how many requests were nudged */
    public int runOnce() {
        Instant now = clock.instant();
        List<ReferenceRequest> due = mongo.find(Query.query(Criteria.where("nextNudgeAt").lte(now))
                .with(Sort.by("nextNudgeAt")).limit(BATCH), ReferenceRequest.class);
        due.forEach(r -> nudge(r, now));
        return due.size();
    }

    private void nudge(ReferenceRequest r, Instant now) {
        int step = r.nudges() + 1;
        if (r.state() == RequestState.REQUESTED) {
            String manager = accounts.find(r.accountId()).map(a -> a.owner() == null ? null : a.owner().managerEmail()).orElse(null);
            ChatMessage m = ChatMessage.text("Reference request " + r.id() + " from " + r.requesterName() + " for "
                    + r.prospect() + " (" + r.accountName() + ") has waited since " + r.createdAt() + " for the owner's "
                    + "decision: /reference approve " + r.id() + " or /reference decline " + r.id() + " reason=...");
            String told;
            if (step == 1) {
                notices.toOwner(r, "reminder", m);
                told = "the owner was reminded";
            } else if (step == 2 && manager != null) {
                notices.to(r, "escalate:manager", Recipient.owner(manager, null, null, r.accountId()), m);
                told = "it went to the owner's manager (" + manager + ")";
            } else {
                notices.to(r, "escalate:admins", props.adminChannel() != null
                        ? Recipient.channel(props.adminChannel(), r.accountId()) : Recipient.unassigned(), m);
                told = "it went to the referral-program admins";
            }
            boolean last = step >= 3 || (step == 2 && manager == null);
            store.note(r.id(), step == 1 ? "REMINDED" : "ESCALATED", "system", told, u -> nudged(u, step,
                    last ? null : now.plus(props.approvalReminder())));
            notices.toRequester(r, "nudge:" + step, ChatMessage.text("Your reference request " + r.id() + " for "
                    + r.prospect() + " is still waiting for the owner: " + told + "."));
        } else if (r.state() == RequestState.INTRODUCED || r.state() == RequestState.CALL_HELD || r.state() == RequestState.NO_SHOW) {
            notices.toRequester(r, "outcome-reminder", new ChatMessage("What happened with " + r.prospect() + "?",
                    "You were introduced for request " + r.id() + " (" + r.accountName() + "). Record the call and the deal's "
                            + "outcome, so the reference's help is counted.", List.of(),
                    RequestMessages.outcomeButtons(r.id()), null));
            store.note(r.id(), "OUTCOME_REMINDER", "system", "requester reminded to record the outcome", u -> nudged(u, step, null));
        } else {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(r.id())), new Update().set("nextNudgeAt", null),
                    ReferenceRequest.class);
        }
    }

    private static void nudged(Update u, int step, Instant next) {
        u.set("nudges", step).set("nextNudgeAt", next);
    }
}
