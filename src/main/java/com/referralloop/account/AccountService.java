package com.referralloop.account;

import com.referralloop.support.InvalidInputException;

import com.referralloop.account.AccountInput.ContactInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Upserts accounts and their contacts. Blank optional values never erase stored ones (so an owner's
 * Slack id resolved later survives a re-import: {@link AccountMerge}), and an unchanged record is not written
 * at all, which makes importing the same file twice a no-op. A page of records at once: {@link AccountBulkUpserts}.
 */
@Service
public class AccountService {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final int MAX_TEXT = 500;

    public enum Change { CREATED, UPDATED, UNCHANGED }

    public record Result(String accountId, Change account, List<Change> contacts) { }

    private final AccountRepository accounts;
    private final ContactRepository contacts;

    AccountService(AccountRepository accounts, ContactRepository contacts) {
        this.accounts = accounts;
        this.contacts = contacts;
    }

    /** Checks the input and returns what is wrong with it, in words a user can act on. */
    public static Optional<String> problemWith(AccountInput in) {
        if (in == null) {
            return Optional.of("account is empty");
        }
        if (blank(in.id())) {
            return Optional.of("id (account_id) is required");
        }
        if (blank(in.name())) {
            return Optional.of("name (account_name) is required");
        }
        if (in.owner() == null || blank(in.owner().email())) {
            return Optional.of("owner email (owner_email) is required");
        }
        if (!EMAIL.matcher(in.owner().email().trim()).matches()) {
            return Optional.of("owner email is not an email address: " + in.owner().email());
        }
        if (!blank(in.owner().managerEmail()) && !EMAIL.matcher(in.owner().managerEmail().trim()).matches()) {
            return Optional.of("manager email is not an email address: " + in.owner().managerEmail());
        }
        for (String s : new String[] {in.id(), in.name(), in.csChannel()}) {
            if (s != null && s.length() > MAX_TEXT) {
                return Optional.of("a value is longer than " + MAX_TEXT + " characters");
            }
        }
        if (in.contacts() != null) {
            for (ContactInput c : in.contacts()) {
                Optional<String> problem = problemWith(c);
                if (problem.isPresent()) {
                    return problem;
                }
            }
        }
        return Optional.empty();
    }

    /** What is wrong with one contact, in words a user can act on. */
    public static Optional<String> problemWith(ContactInput c) {
        if (c == null || blank(c.email())) {
            return Optional.of("contact email (contact_email) is required for a contact");
        }
        if (!EMAIL.matcher(c.email().trim()).matches()) {
            return Optional.of("contact email is not an email address: " + c.email());
        }
        try {
            PreferredChannel.parse(c.preferredChannel());
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        return Optional.empty();
    }

    public Result upsert(AccountInput in) {
        problemWith(in).ifPresent(p -> {
            throw new InvalidInputException(p);
        });
        String id = in.id().trim();
        Optional<Account> existing = accounts.findById(id);
        Account merged = AccountMerge.account(existing.orElse(null), in);
        Change accountChange = save(existing, merged);
        List<Change> contactChanges = new ArrayList<>();
        if (in.contacts() != null) {
            for (ContactInput c : in.contacts()) {
                contactChanges.add(saveContact(id, c));
            }
        }
        return new Result(id, accountChange, contactChanges);
    }

    private Change save(Optional<Account> existing, Account merged) {
        if (existing.isPresent() && existing.get().equals(merged)) {
            return Change.UNCHANGED;
        }
        accounts.save(merged);
        return existing.isPresent() ? Change.UPDATED : Change.CREATED;
    }

    /**
     * Upserts one contact of an account already stored (a CRM sync reads contacts apart from their accounts).
     * Throws {@link InvalidInputException} naming what is wrong, or when the account is unknown.
     */
    public Change upsertContact(String accountId, ContactInput c) {
        if (accountId == null || accounts.findById(accountId).isEmpty()) {
            throw new InvalidInputException("account " + accountId + " is not known (yet)");
        }
        problemWith(c).ifPresent(p -> {
            throw new InvalidInputException(p);
        });
        return saveContact(accountId, c);
    }

    /** Forgets a contact the CRM no longer has; its consents and asks stay (they are the audit trail). */
    public boolean removeContact(String email) {
        String id = Contact.idFor(email);
        if (id == null || !contacts.existsById(id)) {
            return false;
        }
        contacts.deleteById(id);
        return true;
    }

    private Change saveContact(String accountId, ContactInput c) {
        Contact old = contacts.findById(Contact.idFor(c.email())).orElse(null);
        Contact merged = AccountMerge.contact(old, accountId, c);
        if (merged.equals(old)) {
            return Change.UNCHANGED;
        }
        contacts.save(merged);
        return old == null ? Change.CREATED : Change.UPDATED;
    }

    /** Records a Slack id learned from users.lookupByEmail, so the lookup is not repeated. */
    public void rememberOwnerSlackId(String accountId, String slackUserId) {
        accounts.findById(accountId).ifPresent(a -> {
            Owner o = a.owner();
            accounts.save(new Account(a.id(), a.name(),
                    new Owner(o.email(), slackUserId, o.discordUserId(), o.managerEmail()), a.csChannel()));
        });
    }

    public Optional<Account> find(String accountId) {
        return accountId == null ? Optional.empty() : accounts.findById(accountId);
    }

    public Optional<Contact> contactByEmail(String email) {
        return email == null || email.isBlank() ? Optional.empty() : contacts.findById(Contact.idFor(email));
    }

    /** Accounts by id in one query (an {@code _id $in}); ids not found are absent from the map. */
    public java.util.Map<String, Account> findAll(java.util.Collection<String> accountIds) {
        java.util.Map<String, Account> found = new java.util.HashMap<>();
        List<String> ids = accountIds.stream().filter(java.util.Objects::nonNull).distinct().toList();
        if (!ids.isEmpty()) {
            accounts.findAllById(ids).forEach(a -> found.put(a.id(), a));
        }
        return found;
    }

    /**
     * Like {@link #contactByEmail} for many emails in one query; the map is keyed by the email as given,
     * emails without a contact are absent.
     */
    public java.util.Map<String, Contact> contactsByEmail(java.util.Collection<String> emails) {
        List<String> ids = emails.stream().filter(e -> e != null && !e.isBlank()).map(Contact::idFor).distinct().toList();
        java.util.Map<String, Contact> byId = new java.util.HashMap<>();
        if (!ids.isEmpty()) {
            contacts.findAllById(ids).forEach(c -> byId.put(c.id(), c));
        }
        java.util.Map<String, Contact> found = new java.util.HashMap<>();
        for (String email : emails) {
            if (email != null && !email.isBlank() && byId.containsKey(Contact.idFor(email))) {
                found.put(email, byId.get(Contact.idFor(email)));
            }
        }
        return found;
    }

    /** {@link #contactsOf} for many accounts with one {@code accountId $in} query; accounts with none are absent. */
    public java.util.Map<String, List<Contact>> contactsOfAll(java.util.Collection<String> accountIds) {
        List<String> ids = accountIds.stream().filter(java.util.Objects::nonNull).distinct().toList();
        java.util.Map<String, List<Contact>> byAccount = new java.util.HashMap<>();
        if (!ids.isEmpty()) {
            contacts.findByAccountIdIn(ids).forEach(c -> byAccount.computeIfAbsent(c.accountId(), k -> new java.util.ArrayList<>()).add(c));
        }
        return byAccount;
    }

    public List<Contact> contactsOf(String accountId) {
        return contacts.findByAccountId(accountId);
    }

    /**
     * Owner emails are stored trimmed and lower-cased, so a case-different email (a Slack profile's
     * "Rep@Vendor.com") still matches exactly, through the {@code owner_email} index.
     */
    public static String ownerEmailKey(String email) {
        return email == null ? null : email.trim().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether this email owns at least one account, in any letter case: one indexed lookup. */
    public boolean existsByOwnerEmailLower(String email) {
        return email != null && !email.isBlank() && accounts.existsByOwnerEmail(ownerEmailKey(email));
    }

    /** The accounts this email owns, in any letter case, read through the {@code owner_email} index. */
    public List<Account> ownedBy(String email) {
        return email == null || email.isBlank() ? List.of() : accounts.findByOwnerEmail(ownerEmailKey(email));
    }

    /** At most {@code limit} of the accounts this email owns, by name, read as id and name only. */
    public List<Account> ownedBy(String email, int limit) {
        return email == null || email.isBlank() ? List.of() : accounts.findNamesByOwnerEmail(ownerEmailKey(email),
                org.springframework.data.domain.PageRequest.of(0, limit, org.springframework.data.domain.Sort.by("name")));
    }

    /** At most {@code limit} contacts of the account (id, name, email), and how many it has in all. */
    public record ContactPage(List<Contact> contacts, long total) { }

    public ContactPage contactsOf(String accountId, int limit) {
        List<Contact> page = contacts.findNamesByAccountId(accountId,
                org.springframework.data.domain.PageRequest.of(0, limit, org.springframework.data.domain.Sort.by("_id")));
        // counted only when the page is full: most accounts have a handful of contacts
        return new ContactPage(page, page.size() < limit ? page.size() : contacts.countByAccountId(accountId));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
