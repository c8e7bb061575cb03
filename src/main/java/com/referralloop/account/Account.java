package com.referralloop.account;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A customer account, keyed by its CRM id.
 *
 * @param csChannel customer-success channel that receives detractor follow-ups, when set
 */
@Document("accounts")
// The permission check on every command and App Home look owners up by these; without them each lookup is a
// collection scan. owner.email is stored lower-case (AccountService), so an exact match uses the index.
@CompoundIndex(name = "owner_email", def = "{'owner.email': 1}")
@CompoundIndex(name = "owner_slack_user_id", def = "{'owner.slackUserId': 1}")
@CompoundIndex(name = "owner_discord_user_id", def = "{'owner.discordUserId': 1}")
@CompoundIndex(name = "account_name", def = "{'name': 1}")
public record Account(@Id String id, String name, Owner owner, String csChannel) {
}
