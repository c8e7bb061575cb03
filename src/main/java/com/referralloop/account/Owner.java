package com.referralloop.account;

/** The account owner (a sales rep or community manager) and whom to escalate to. */
public record Owner(String email, String slackUserId, String discordUserId, String managerEmail) {
}
