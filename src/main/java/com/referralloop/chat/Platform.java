package com.referralloop.chat;

/**
 * Where a message goes or a command came from. LOG is the no-token default sender; CRM is the outbound
 * webhook of the CRM feed (its outbox messages carry the JSON event in {@code ChatMessage.text}).
 */
public enum Platform {
    LOG, SLACK, DISCORD, EMAIL, WEB, CRM
}
