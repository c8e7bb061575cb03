package com.referralloop.chat;

/** Where a message goes or a command came from. LOG is the no-token default sender. */
public enum Platform {
    LOG, SLACK, DISCORD, EMAIL, WEB
}
