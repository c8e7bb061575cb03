package com.referralloop.chat.outbox;

/** PENDING until a sender confirms (SENT) or gives up for good (DEAD). */
public enum OutboxState {
    PENDING, SENT, DEAD
}
