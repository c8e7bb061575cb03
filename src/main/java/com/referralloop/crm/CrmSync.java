package com.referralloop.crm;

import com.referralloop.account.AccountBulkUpserts;
import com.referralloop.crm.CrmPageStore.Stored;
import com.referralloop.crm.CrmSyncState.RecordError;
import com.referralloop.referral.ReferralService;
import com.referralloop.referral.ReferralStatus;
import com.referralloop.support.InvalidInputException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * One incremental sync from the CRM into accounts and contacts: accounts, then contacts, then removals, then
 * the outcomes of referred leads, each read from its own high-water mark. A record that cannot be stored is
 * reported and read again next time (the others of its page are stored: {@link CrmPageStore} writes accounts
 * and contacts a page at a time); a call that fails stops that part of the run, keeping what was stored
 * (the outcomes are read even when an earlier part stopped, and their failure stops nothing else). A rate
 * limit is waited out (the CRM's Retry-After, within a budget) and the same page asked again. Logs name CRM
 * ids, never people.
 */
public class CrmSync {

    private static final Logger log = LoggerFactory.getLogger(CrmSync.class);
    private static final int MAX_REPORTED_ERRORS = 200;
    /** Longer waits (Salesforce's used-up daily limit: an hour) stop the part instead; the next run goes on. */
    static final Duration MAX_RATE_LIMIT_WAIT = Duration.ofMinutes(2);
    /** All waits of one run together, so a CRM that keeps refusing cannot hold the sync (and its lock) for long. */
    static final Duration RATE_LIMIT_BUDGET = Duration.ofMinutes(10);
    private static final Duration MIN_WAIT = Duration.ofMillis(200);

    private final CrmConnector crm;
    private final CrmPageStore pages;
    private final ReferralService referrals;
    private final MongoTemplate mongo;
    private final Clock clock;
    private final CrmHealth health;
    private final ReentrantLock running = new ReentrantLock();

    public CrmSync(CrmConnector crm, AccountBulkUpserts accounts, ReferralService referrals, MongoTemplate mongo, Clock clock,
                   CrmHealth health) {
        this.crm = crm;
        this.pages = new CrmPageStore(accounts);
        this.referrals = referrals;
        this.mongo = mongo;
        this.clock = clock;
        this.health = health;
    }

    public CrmSyncState status() {
        return Optional.ofNullable(mongo.findById(crm.name(), CrmSyncState.class)).orElse(CrmSyncState.empty(crm.name()));
    }

    /** Runs one sync unless one is running here already (then returns the last state). */
    public CrmSyncState runOnce() {
        if (!running.tryLock()) {
            return status();
        }
        try {
            return run();
        } finally {
            running.unlock();
        }
    }

    private CrmSyncState run() {
        CrmSyncState before = status();
        CrmSyncRun r = new CrmSyncRun(clock.instant(), crm.calls());
        Consumer<String> stops = e -> r.error = e;
        Instant accountsMark = read("account", before.accountsMark(), crm::changedAccounts, pages::accounts, r, stops);
        Instant contactsMark = r.error != null ? before.contactsMark()
                : read("contact", before.contactsMark(), crm::changedContacts, pages::contacts, r, stops);
        Instant removalsMark = r.error != null ? before.removalsMark()
                : read("removal", before.removalsMark(), crm::removedContacts, pages::removals, r, stops);
        // the outcomes depend on no account or contact: read them whatever became of the parts before; each
        // moves referrals through ReferralService (its event and audit line), so one at a time
        Instant outcomesMark = read("referral", before.outcomesMark(), crm::changedReferrals,
                (page, run) -> page.stream().map(o -> applyOutcome(o, run)).toList(), r, e -> r.outcomesError = e);
        String outcome = r.error != null ? "FAILED" : r.errors.isEmpty() && r.outcomesError == null ? "OK" : "PARTIAL";
        CrmSyncState after = new CrmSyncState(crm.name(), accountsMark, contactsMark, removalsMark, outcomesMark,
                r.startedAt, clock.instant(), outcome, r.error, r.outcomesError, r.counts(crm.calls()),
                r.errors.size() > MAX_REPORTED_ERRORS ? List.copyOf(r.errors.subList(0, MAX_REPORTED_ERRORS)) : r.errors,
                before.missingFields());
        mongo.save(after);
        log.info("CRM sync ({}): {} accounts read, {} contacts read, {} removed, {} referral outcomes read, {} referrals "
                        + "moved, {} failed, {} rate-limit waits, outcome {}", crm.name(), r.accountsRead, r.contactsRead,
                r.removed, r.referralsRead, r.referralsMoved, r.errors.size(), r.rateLimitWaits, outcome);
        return after;
    }

    /** Records the start-up field check, for the status. */
    public void rememberMissingFields(List<String> missing) {
        CrmSyncState s = status();
        mongo.save(new CrmSyncState(s.id(), s.accountsMark(), s.contactsMark(), s.removalsMark(), s.outcomesMark(),
                s.lastRunStartedAt(), s.lastRunFinishedAt(), s.outcome(), s.error(), s.outcomesError(), s.counts(),
                s.errors(), List.copyOf(missing)));
    }

    private interface Reader<T> {
        CrmPage<T> page(Instant since, String cursor);
    }

    /** Reads every page from the mark and stores each as a whole; returns where the mark may move. */
    private <T> Instant read(String object, Instant mark, Reader<T> reader,
                             BiFunction<List<T>, CrmSyncRun, List<Stored>> store, CrmSyncRun r, Consumer<String> stopped) {
        MarkTracker tracker = new MarkTracker(mark);
        String cursor = null;
        try {
            do {
                String at = cursor;
                CrmPage<T> page = waitingOutRateLimits(() -> reader.page(mark, at), r);
                health.reachable();
                for (Stored s : store.apply(page.records(), r)) {
                    if (s.problem() == null) {
                        tracker.stored(s.modifiedAt());
                    } else {
                        tracker.failed(s.modifiedAt());
                        r.errors.add(new RecordError(object, s.crmId(), s.modifiedAt(), s.problem()));
                    }
                }
                cursor = page.next();
            } while (cursor != null);
        } catch (CrmException e) {
            tracker.stopped();
            stopped.accept(object + "s: " + e.getMessage());
            if (e.kind() == CrmException.Kind.UNAUTHORIZED) {
                health.refused(e.getMessage());
            }
            log.warn("CRM sync ({}) stopped reading {}s: {}", crm.name(), object, e.getMessage());
        }
        return tracker.mark();
    }

    /**
     * One page, asked again after the CRM's Retry-After while it answers "rate limited" (the connector sends
     * nothing before that wait is over either); a wait past {@link #MAX_RATE_LIMIT_WAIT}, or past what is left
     * of the run's budget, stops the part instead.
     */
    private <T> CrmPage<T> waitingOutRateLimits(java.util.function.Supplier<CrmPage<T>> page, CrmSyncRun r) {
        while (true) {
            try {
                return page.get();
            } catch (CrmException e) {
                Duration wait = e.retryAfter() == null ? MIN_WAIT : e.retryAfter().compareTo(MIN_WAIT) < 0 ? MIN_WAIT : e.retryAfter();
                if (e.kind() != CrmException.Kind.RATE_LIMITED || wait.compareTo(MAX_RATE_LIMIT_WAIT) > 0
                        || r.waited.plus(wait).compareTo(RATE_LIMIT_BUDGET) > 0) {
                    throw e;
                }
                r.rateLimitWaits++;
                r.waited = r.waited.plus(wait);
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private Stored applyOutcome(CrmReferralOutcome o, CrmSyncRun r) {
        r.referralsRead++;
        if (o.problem() != null) {
            return new Stored(o.modifiedAt(), o.crmId(), o.problem());
        }
        if (o.outcome() == null || blank(o.referredEmail())) {
            // still open in the CRM, or no address to find the referral by: nothing to move, nothing to retry
            return new Stored(o.modifiedAt(), o.crmId(), null);
        }
        ReferralStatus status = switch (o.outcome()) {
            case QUALIFIED -> ReferralStatus.QUALIFIED;
            case WON -> ReferralStatus.WON;
            case LOST -> ReferralStatus.LOST;
        };
        return attempt(o.modifiedAt(), o.crmId(), () ->
                r.referralsMoved += referrals.applyCrmOutcome(o.referredEmail(), status, o.amount(), crm.name()).size());
    }

    private static Stored attempt(Instant modifiedAt, String crmId, Runnable write) {
        try {
            write.run();
            return new Stored(modifiedAt, crmId, null);
        } catch (InvalidInputException e) {
            return new Stored(modifiedAt, crmId, e.getMessage());
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
