package com.referralloop.account;

import java.util.List;
import org.springframework.data.mongodb.repository.MongoRepository;

/** Accounts by CRM id. Owner emails are stored lower-case, so callers pass a lower-cased email. */
public interface AccountRepository extends MongoRepository<Account, String> {

    List<Account> findByOwnerEmail(String email);

    boolean existsByOwnerEmail(String email);

    List<Account> findByOwnerSlackUserId(String slackUserId);

    List<Account> findByOwnerDiscordUserId(String discordUserId);

    /** The account of that exact name, whatever its case (anchored, quoted: a name is not a pattern). */
    java.util.Optional<Account> findFirstByNameIgnoreCase(String name);
}
