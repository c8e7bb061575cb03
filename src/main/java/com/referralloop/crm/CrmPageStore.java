package com.referralloop.crm;

import com.referralloop.account.AccountBulkUpserts;
import com.referralloop.account.AccountBulkUpserts.ContactOf;
import com.referralloop.account.AccountBulkUpserts.Outcome;
import com.referralloop.account.AccountInput;
import com.referralloop.account.AccountInput.ContactInput;
import com.referralloop.account.AccountInput.OwnerInput;
import com.referralloop.account.AccountService.Change;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Stores one page of CRM accounts, contacts or removals: each record is checked here, then the page's good
 * ones go to the store together ({@link AccountBulkUpserts}: one read by {@code $in}, one bulk write). Answers,
 * in page order, what became of each record, for the high-water mark and the run's errors.
 */
final class CrmPageStore {

    /** A record stored, or the problem that kept it out. */
    record Stored(Instant modifiedAt, String crmId, String problem) { }

    private final AccountBulkUpserts store;

    CrmPageStore(AccountBulkUpserts store) {
        this.store = store;
    }

    List<Stored> accounts(List<CrmAccount> page, CrmSyncRun r) {
        r.accountsRead += page.size();
        return store(page, a -> a.problem() != null ? new Stored(a.modifiedAt(), a.crmId(), a.problem())
                        : blank(a.ownerEmail()) ? new Stored(a.modifiedAt(), a.crmId(), "no owner with an email address") : null,
                a -> new AccountInput(a.crmId(), a.name(), new OwnerInput(a.ownerEmail(), null, null, a.managerEmail()),
                        a.csChannel(), List.of()),
                store::upsertAccounts, (a, problem) -> new Stored(a.modifiedAt(), a.crmId(), problem),
                () -> r.accountsChanged++);
    }

    List<Stored> contacts(List<CrmContact> page, CrmSyncRun r) {
        r.contactsRead += page.size();
        return store(page, c -> settled(c, r),
                c -> new ContactOf(c.accountCrmId(), new ContactInput(c.email(), c.name(), c.slackUserId(), c.discordUserId(),
                        c.preferredChannel())),
                store::upsertContacts, (c, problem) -> new Stored(c.modifiedAt(), c.crmId(), problem),
                () -> r.contactsChanged++);
    }

    /** Removals are never retried: a contact the bot does not have is already gone. */
    List<Stored> removals(List<CrmRemoval> page, CrmSyncRun r) {
        r.removed += (int) store.removeContacts(page.stream().map(CrmRemoval::email).toList());
        return page.stream().map(x -> new Stored(x.removedAt(), x.crmId(), null)).toList();
    }

    /** What became of a contact that needs no write, or null when it goes to the store. */
    private static Stored settled(CrmContact c, CrmSyncRun r) {
        if (c.problem() != null) {
            return new Stored(c.modifiedAt(), c.crmId(), c.problem());
        }
        if (blank(c.accountCrmId())) {
            // a contact of no company is no customer of an account: nothing to store, nothing to retry
            return new Stored(c.modifiedAt(), c.crmId(), null);
        }
        String key = blank(c.email()) ? null : c.email().trim().toLowerCase(Locale.ROOT);
        String seenAt = key == null ? null : r.accountOfEmail.putIfAbsent(key, c.accountCrmId());
        if (seenAt != null && !seenAt.equals(c.accountCrmId())) {
            return new Stored(c.modifiedAt(), c.crmId(), "the same email address is on a contact of company "
                    + seenAt + " and of company " + c.accountCrmId());
        }
        return null;
    }

    /**
     * Settles each record here ({@code settled} answers non-null) or hands it, as {@code input}, to one
     * {@code upsert} of the page; counts the created and updated ones.
     */
    private static <R, I> List<Stored> store(List<R> page, Function<R, Stored> settled, Function<R, I> input,
                                             Function<List<I>, List<Outcome>> upsert, BiFunction<R, String, Stored> stored,
                                             Runnable changed) {
        Stored[] out = new Stored[page.size()];
        List<I> inputs = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < page.size(); i++) {
            out[i] = settled.apply(page.get(i));
            if (out[i] == null) {
                inputs.add(input.apply(page.get(i)));
                at.add(i);
            }
        }
        List<Outcome> outcomes = inputs.isEmpty() ? List.of() : upsert.apply(inputs);
        for (int k = 0; k < outcomes.size(); k++) {
            Outcome o = outcomes.get(k);
            out[at.get(k)] = stored.apply(page.get(at.get(k)), o.problem());
            if (o.change() == Change.CREATED || o.change() == Change.UPDATED) {
                changed.run();
            }
        }
        return Arrays.asList(out);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
