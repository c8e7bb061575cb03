package com.referralloop.reply;

/**
 * Something other than a follow-up that a customer can answer by email: the reply token in the address names
 * it (a reference request, say). The feature that owns the id implements this, so the reply package needs no
 * dependency on it.
 */
public interface TokenReplyTarget {

    /** True when {@code id} (as a verified reply token gave it) is one of this target's. */
    boolean owns(String id);

    /**
     * The customer's email reply to {@code id}: {@code sender} is the From address (already checked to be an
     * address), {@code text} the reply without the quoted original.
     */
    ReplyOutcome reply(String id, String sender, String text);
}
