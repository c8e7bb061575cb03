package com.referralloop.account;

import java.util.List;
import org.springframework.data.mongodb.repository.MongoRepository;

/** Accounts by CRM id. */
public interface AccountRepository extends MongoRepository<Account, String> {

    List<Account> findByOwnerEmail(String email);

    List<Account> findByOwnerSlackUserId(String slackUserId);

    List<Account> findByOwnerDiscordUserId(String discordUserId);
}
