package com.referralloop.followup;

/** Facts about follow-ups, for adapters, the CRM feed and metrics. */
public final class FollowUpEvents {

    private FollowUpEvents() {
    }

    public record FollowUpCreated(String followUpId, FollowUpKind kind) { }

    /** Any recorded change (transition, reminder, escalation, reply): messages showing it are refreshed. */
    public record FollowUpChanged(String followUpId, String eventType) { }
}
