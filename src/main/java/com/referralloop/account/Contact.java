package com.referralloop.account;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A person at a customer account. The id is the lower-cased email, so one person is one contact
 * whatever case a survey tool sends.
 */
@Document("contacts")
public record Contact(@Id String id, @Indexed String accountId, String email, String name,
                      @Indexed String slackUserId, @Indexed String discordUserId, PreferredChannel preferredChannel) {

    public static String idFor(String email) {
        return email == null ? null : email.trim().toLowerCase(java.util.Locale.ROOT);
    }
}
