package com.referralloop.account;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.referralloop.account.AccountInput.ContactInput;
import com.referralloop.account.AccountService.Change;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * {@link AccountService#upsert} and {@link AccountService#upsertContact} for many records at once, with the same
 * checks and the same merge ({@link AccountMerge}): the stored records are read with one {@code _id $in}, the
 * changed ones written with one unordered bulk of upserts by id, the unchanged ones not at all. A CRM sync
 * stores each page this way; a read and a write per record (each write waiting for its commit) made it
 * 2–3 ms a record. A record that cannot be stored is answered with its problem and the others are stored.
 */
@Service
public class AccountBulkUpserts {

    /** What became of one input: its change, or the problem that kept it out (then {@code change} is null). */
    public record Outcome(Change change, String problem) {

        static Outcome refused(String problem) {
            return new Outcome(null, problem);
        }
    }

    /** A contact of the account with this id, which must be stored already. */
    public record ContactOf(String accountId, ContactInput contact) { }

    private final MongoTemplate mongo;

    AccountBulkUpserts(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Accounts alone (their contacts go through {@link #upsertContacts}); one outcome per input, in order. */
    public List<Outcome> upsertAccounts(List<AccountInput> inputs) {
        if (inputs.stream().anyMatch(in -> in != null && in.contacts() != null && !in.contacts().isEmpty())) {
            throw new IllegalArgumentException("upsertAccounts stores accounts only; pass their contacts to upsertContacts");
        }
        List<String> problems = inputs.stream().map(in -> AccountService.problemWith(in).orElse(null)).toList();
        return upsertAll(inputs, problems, in -> in.id().trim(), Account.class, Account::id, AccountMerge::account);
    }

    /** Contacts of stored accounts; one outcome per input, in order. Later inputs of one email merge onto earlier ones. */
    public List<Outcome> upsertContacts(List<ContactOf> inputs) {
        Set<String> known = storedAccountIds(inputs.stream().map(ContactOf::accountId).toList());
        List<String> problems = inputs.stream().map(c -> c.accountId() == null || !known.contains(c.accountId())
                ? "account " + c.accountId() + " is not known (yet)"
                : AccountService.problemWith(c.contact()).orElse(null)).toList();
        return upsertAll(inputs, problems, c -> Contact.idFor(c.contact().email()), Contact.class, Contact::id,
                (old, c) -> AccountMerge.contact(old, c.accountId(), c.contact()));
    }

    /** Forgets the contacts of these emails with one delete by {@code _id $in}; returns how many there were. */
    public long removeContacts(Collection<String> emails) {
        List<String> ids = emails.stream().filter(e -> e != null && !e.isBlank()).map(Contact::idFor).distinct().toList();
        return ids.isEmpty() ? 0 : mongo.remove(query(where("_id").in(ids)), Contact.class).getDeletedCount();
    }

    private Set<String> storedAccountIds(List<String> accountIds) {
        List<String> ids = accountIds.stream().filter(Objects::nonNull).distinct().toList();
        Set<String> found = new HashSet<>();
        if (!ids.isEmpty()) {
            Query byId = query(where("_id").in(ids));
            byId.fields().include("_id");
            mongo.find(byId, org.bson.Document.class, mongo.getCollectionName(Account.class))
                    .forEach(d -> found.add(d.getString("_id")));
        }
        return found;
    }

    /**
     * Merges the inputs in order onto what is stored (or onto an earlier input of the same id), then writes
     * each changed id once. An id the store refuses fails every input of that id.
     */
    private <I, D> List<Outcome> upsertAll(List<I> inputs, List<String> problems, Function<I, String> idOf, Class<D> type,
                                           Function<D, String> storedId, BiFunction<D, I, D> merge) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            ids.add(problems.get(i) == null ? idOf.apply(inputs.get(i)) : null);
        }
        Map<String, D> current = new HashMap<>();
        List<String> wanted = ids.stream().filter(Objects::nonNull).distinct().toList();
        if (!wanted.isEmpty()) {
            mongo.find(query(where("_id").in(wanted)), type).forEach(d -> current.put(storedId.apply(d), d));
        }
        Outcome[] out = new Outcome[inputs.size()];
        Map<String, D> changed = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            String id = ids.get(i);
            if (id == null) {
                out[i] = Outcome.refused(problems.get(i));
                continue;
            }
            D old = current.get(id);
            D merged = merge.apply(old, inputs.get(i));
            if (merged.equals(old)) {
                out[i] = new Outcome(Change.UNCHANGED, null);
            } else {
                out[i] = new Outcome(old == null ? Change.CREATED : Change.UPDATED, null);
                current.put(id, merged);
                changed.put(id, merged);
            }
        }
        Map<String, String> refused = write(type, changed);
        for (int i = 0; i < inputs.size(); i++) {
            if (ids.get(i) != null && refused.containsKey(ids.get(i))) {
                out[i] = Outcome.refused(refused.get(ids.get(i)));
            }
        }
        return List.of(out);
    }

    /** Replaces (or inserts) each document by its id in one unordered bulk; returns the ids refused, with why. */
    private <D> Map<String, String> write(Class<D> type, Map<String, D> changed) {
        if (changed.isEmpty()) {
            return Map.of();
        }
        // each id once, so no write depends on another: unordered lets the store go on past a refused one
        BulkOperations bulk = mongo.bulkOps(BulkMode.UNORDERED, type);
        List<String> order = new ArrayList<>(changed.keySet());
        order.forEach(id -> bulk.replaceOne(query(where("_id").is(id)), changed.get(id), FindAndReplaceOptions.options().upsert()));
        try {
            bulk.execute();
            return Map.of();
        } catch (BulkOperationException e) {
            Map<String, String> refused = new HashMap<>();
            // the code alone: a duplicate-key message quotes the key, which may be an email address
            e.getErrors().forEach(err -> refused.put(order.get(err.getIndex()),
                    "the database refused to store it (error " + err.getCode() + ")"));
            return refused;
        }
    }
}
