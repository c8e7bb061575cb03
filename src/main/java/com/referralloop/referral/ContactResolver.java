package com.referralloop.referral;

import com.referralloop.account.Account;
import com.referralloop.account.AccountRepository;
import com.referralloop.account.Contact;
import com.referralloop.account.ContactRepository;
import com.referralloop.support.InvalidInputException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Finds the contact or account a user named: by email, by a Slack mention ({@code <@U123>} or
 * {@code <@U123|name>}), a Slack-escaped email ({@code <mailto:a@b.com|a@b.com>}), a Discord mention ({@code <@123>}, {@code <@!123>}), a bare chat user id,
 * or (accounts) by CRM id or exact name.
 */
@Component
public class ContactResolver {

    private static final Pattern MENTION = Pattern.compile("^<@!?([A-Za-z0-9]+)(?:\\|[^>]*)?>$");
    /** Slack escapes emails in command text as {@code <mailto:a@b.com|a@b.com>}. */
    private static final Pattern MAILTO = Pattern.compile("^<?mailto:([^|>]+)(?:\\|[^>]*)?>?$");
    private static final Pattern SLACK_ID = Pattern.compile("^[UW][A-Z0-9]{5,}$");
    private static final Pattern DISCORD_ID = Pattern.compile("^\\d{5,25}$");

    private final ContactRepository contacts;
    private final AccountRepository accounts;

    ContactResolver(ContactRepository contacts, AccountRepository accounts) {
        this.contacts = contacts;
        this.accounts = accounts;
    }

    public Optional<Contact> find(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        String t = token.trim();
        Matcher m = MENTION.matcher(t);
        String chatId = m.matches() ? m.group(1) : null;
        if (chatId == null && (SLACK_ID.matcher(t).matches() || DISCORD_ID.matcher(t).matches())) {
            chatId = t;
        }
        if (chatId != null) {
            Optional<Contact> bySlack = contacts.findFirstBySlackUserId(chatId);
            return bySlack.isPresent() ? bySlack : contacts.findFirstByDiscordUserId(chatId);
        }
        Matcher mail = MAILTO.matcher(t);
        if (mail.matches()) {
            t = mail.group(1);
        }
        return contacts.findById(Contact.idFor(t));
    }

    /** The named contact, or an error that says how to name one. */
    public Contact contact(String token) {
        if (token == null || token.isBlank()) {
            throw new InvalidInputException("missing the contact: name them by email or by a chat mention");
        }
        return find(token).orElseThrow(() -> new InvalidInputException("no contact '" + token
                + "' is known; name a contact by email (as imported) or by a chat mention such as <@U123>"));
    }

    public Optional<Account> findAccount(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        String t = token.trim();
        Optional<Account> byId = accounts.findById(t);
        if (byId.isPresent()) {
            return byId;
        }
        return accounts.findFirstByNameIgnoreCase(t);
    }

    public Account account(String token) {
        if (token == null || token.isBlank()) {
            throw new InvalidInputException("missing the account: name it by CRM id or name");
        }
        return findAccount(token).orElseThrow(() -> new InvalidInputException("no account '" + token
                + "' is known; name it by its CRM id (e.g. A-1) or its exact name"));
    }

    /** The account a contact belongs to; a contact without one cannot be in the program. */
    public Account accountOf(Contact c) {
        return Optional.ofNullable(c.accountId()).flatMap(accounts::findById).orElseThrow(() ->
                new InvalidInputException("contact " + c.email() + " belongs to no known account"));
    }
}
