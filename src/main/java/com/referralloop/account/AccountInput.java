package com.referralloop.account;

import java.util.List;

/** An account as the API and the CSV import describe it. */
public record AccountInput(String id, String name, OwnerInput owner, String csChannel, List<ContactInput> contacts) {

    public record OwnerInput(String email, String slackUserId, String discordUserId, String managerEmail) { }

    public record ContactInput(String email, String name, String slackUserId, String discordUserId, String preferredChannel) { }
}
