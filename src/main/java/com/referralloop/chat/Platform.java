package com.referralloop.chat;

/**
 * Where a message goes or a command came from. LOG is the no-token default sender; CRM is the outbound
 * webhook of the CRM feed (its outbox messages carry the JSON event in {@code ChatMessage.text}); CRM_SYNC
 * is a write to the connected CRM's own API (HubSpot), its outbox messages carrying the write as JSON.
 */
public enum Platform {
    LOG, SLACK, DISCORD, EMAIL, WEB, CRM, CRM_SYNC
}
