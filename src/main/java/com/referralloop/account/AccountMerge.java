package com.referralloop.account;

import com.referralloop.account.AccountInput.ContactInput;
import com.referralloop.account.AccountInput.OwnerInput;
import java.util.Optional;

/**
 * How an input lands on what is stored, for one record at a time ({@link AccountService}) and a page at a time
 * ({@link AccountBulkUpserts}): blank optional values never erase stored ones, so an owner's Slack id resolved
 * later survives a re-import or a CRM sync that does not carry it.
 */
final class AccountMerge {

    private AccountMerge() {
    }

    /** The account as stored after {@code in} (its contacts aside); {@code old} is null for a new one. */
    static Account account(Account old, AccountInput in) {
        OwnerInput o = in.owner();
        Owner before = old == null || old.owner() == null ? new Owner(null, null, null, null) : old.owner();
        Owner owner = new Owner(AccountService.ownerEmailKey(o.email()),
                pick(o.slackUserId(), before.slackUserId()),
                pick(o.discordUserId(), before.discordUserId()),
                pick(o.managerEmail(), before.managerEmail()));
        return new Account(in.id().trim(), in.name().trim(), owner,
                pick(in.csChannel(), old == null ? null : old.csChannel()));
    }

    /** The contact as stored after {@code c}, now of {@code accountId}; {@code old} is null for a new one. */
    static Contact contact(Contact old, String accountId, ContactInput c) {
        return new Contact(Contact.idFor(c.email()), accountId, c.email().trim(),
                pick(c.name(), old == null ? null : old.name()),
                pick(c.slackUserId(), old == null ? null : old.slackUserId()),
                pick(c.discordUserId(), old == null ? null : old.discordUserId()),
                Optional.ofNullable(PreferredChannel.parse(c.preferredChannel()))
                        .orElse(old == null ? null : old.preferredChannel()));
    }

    private static String pick(String fresh, String old) {
        return fresh == null || fresh.isBlank() ? old : fresh.trim();
    }
}
