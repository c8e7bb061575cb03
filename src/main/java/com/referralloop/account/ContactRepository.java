package com.referralloop.account;

import java.util.List;
import java.util.Optional;
import org.springframework.data.mongodb.repository.MongoRepository;

/** Contacts by lower-cased email. */
public interface ContactRepository extends MongoRepository<Contact, String> {

    List<Contact> findByAccountId(String accountId);

    Optional<Contact> findFirstBySlackUserId(String slackUserId);

    Optional<Contact> findFirstByDiscordUserId(String discordUserId);
}
