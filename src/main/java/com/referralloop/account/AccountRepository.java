package com.referralloop.account;

import java.util.List;
import org.springframework.data.mongodb.repository.MongoRepository;

/** Accounts by CRM id. */
public interface AccountRepository extends MongoRepository<Account, String> {

    List<Account> findByOwnerEmail(String email);

    List<Account> findByOwnerSlackUserId(String slackUserId);

    List<Account> findByOwnerDiscordUserId(String discordUserId);

    /** A case-insensitive, anchored match run in MongoDB (emails imported in another case than Slack shows). */
    boolean existsByOwnerEmailIgnoreCase(String email);

    /** The account of that exact name, whatever its case (anchored, quoted: a name is not a pattern). */
    java.util.Optional<Account> findFirstByNameIgnoreCase(String name);
}
