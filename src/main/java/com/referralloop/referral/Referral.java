package com.referralloop.referral;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A person referred by a contact (generation 1) or by someone referred before (parent set,
 * generation = parent's + 1). {@code rootContactId} is the contact at the top of the tree, so a
 * contact's whole tree is one query.
 *
 * @param referrerContactId the contact who referred, when the referrer is a known contact
 * @param referrerName      who referred, as shown (a contact's email or the parent's referred person)
 * @param value             won deal value in whole currency units; 0 until known
 */
@Document("referrals")
// the program dashboard counts these by period; its referral trees read a level of children at a time
@CompoundIndexes({
    @CompoundIndex(name = "referral_created", def = "{'createdAt': 1}"),
    @CompoundIndex(name = "referral_parent", def = "{'parentId': 1, 'createdAt': 1}")
})
public record Referral(@Id String id, @Indexed String referrerContactId, String referrerName,
                       @Indexed String rootContactId, String accountId, String referredName,
                       // the CRM sync finds a referred person's referrals by their address
                       @Indexed(name = "referral_referred_email") String referredEmail,
                       String company, String parentId, int generation, ReferralStatus status, long value,
                       String createdBy, Instant createdAt, Instant updatedAt) {
}
