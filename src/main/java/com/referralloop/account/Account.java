package com.referralloop.account;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A customer account, keyed by its CRM id.
 *
 * @param csChannel customer-success channel that receives detractor follow-ups, when set
 */
@Document("accounts")
// the permission check and the owner's lists look accounts up by these on every command
@CompoundIndexes({
        @CompoundIndex(name = "accounts_owner_email", def = "{'owner.email': 1}"),
        @CompoundIndex(name = "accounts_owner_slack", def = "{'owner.slackUserId': 1}"),
        @CompoundIndex(name = "accounts_owner_discord", def = "{'owner.discordUserId': 1}"),
        @CompoundIndex(name = "accounts_name", def = "{'name': 1}")
})
public record Account(@Id String id, String name, Owner owner, String csChannel) {
}
