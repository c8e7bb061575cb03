package com.referralloop.reply;

/**
 * What happened to an incoming customer message.
 *
 * @param followUpId  the follow-up it was attached to (ATTACHED, DUPLICATE)
 * @param unmatchedId the {@code unmatched_replies} record (UNMATCHED)
 */
public record ReplyOutcome(Status status, String followUpId, String unmatchedId, String reason) {

    public enum Status {
        /** stored on the follow-up; the owner is told */
        ATTACHED,
        /** the same text from the same sender was already stored (a retried delivery) */
        DUPLICATE,
        /** kept in unmatched_replies and flagged */
        UNMATCHED,
        /** not a customer message (e.g. the owner writing in the thread): nothing stored */
        IGNORED
    }

    /** A reply another feature refused to take (the reason is kept with it in unmatched_replies). */
    public static ReplyOutcome refused(String reason) {
        return new ReplyOutcome(Status.UNMATCHED, null, null, reason);
    }

    public static ReplyOutcome attached(String id) {
        return new ReplyOutcome(Status.ATTACHED, id, null, null);
    }

    public static ReplyOutcome duplicate(String id) {
        return new ReplyOutcome(Status.DUPLICATE, id, null, "already stored");
    }

    static ReplyOutcome unmatched(String unmatchedId, String reason) {
        return new ReplyOutcome(Status.UNMATCHED, null, unmatchedId, reason);
    }

    static ReplyOutcome ignored(String followUpId, String reason) {
        return new ReplyOutcome(Status.IGNORED, followUpId, null, reason);
    }
}
