package com.referralloop.account;

import java.util.List;
import org.springframework.data.mongodb.repository.MongoRepository;

/** Accounts by CRM id. Owner emails are stored lower-case, so callers pass a lower-cased email. */
public interface AccountRepository extends MongoRepository<Account, String> {

    List<Account> findByOwnerEmail(String email);

    /** Names only (id and name), a page at a time: App Home lists an owner's accounts by these. */
    @org.springframework.data.mongodb.repository.Query(value = "{'owner.email': ?0}", fields = "{'name': 1}")
    List<Account> findNamesByOwnerEmail(String email, org.springframework.data.domain.Pageable page);

    /** One of the user's accounts (to learn their email), not all of them. */
    java.util.Optional<Account> findFirstByOwnerSlackUserId(String slackUserId);

    java.util.Optional<Account> findFirstByOwnerDiscordUserId(String discordUserId);

    boolean existsByOwnerEmail(String email);

    /** The rep check on every command: an exists (limit 1), not the owner's whole book of accounts. */
    boolean existsByOwnerSlackUserId(String slackUserId);

    boolean existsByOwnerDiscordUserId(String discordUserId);

    /** The account of that exact name, whatever its case (anchored, quoted: a name is not a pattern). */
    java.util.Optional<Account> findFirstByNameIgnoreCase(String name);
}
