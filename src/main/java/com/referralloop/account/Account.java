package com.referralloop.account;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A customer account, keyed by its CRM id.
 *
 * @param csChannel customer-success channel that receives detractor follow-ups, when set
 */
@Document("accounts")
public record Account(@Id String id, String name, Owner owner, String csChannel) {
}
