package com.referralloop.account;

import java.util.List;
import java.util.Optional;
import org.springframework.data.mongodb.repository.MongoRepository;

/** Contacts by lower-cased email. */
public interface ContactRepository extends MongoRepository<Contact, String> {

    List<Contact> findByAccountId(String accountId);

    List<Contact> findByAccountIdIn(java.util.Collection<String> accountIds);

    /** Names and emails only, a page at a time (the {@code accountId} index). */
    @org.springframework.data.mongodb.repository.Query(value = "{'accountId': ?0}", fields = "{'name': 1, 'email': 1, 'accountId': 1}")
    List<Contact> findNamesByAccountId(String accountId, org.springframework.data.domain.Pageable page);

    long countByAccountId(String accountId);

    Optional<Contact> findFirstBySlackUserId(String slackUserId);

    Optional<Contact> findFirstByDiscordUserId(String discordUserId);
}
