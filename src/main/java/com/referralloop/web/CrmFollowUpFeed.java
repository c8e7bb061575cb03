package com.referralloop.web;

import com.referralloop.followup.FollowUp;
import com.referralloop.followup.FollowUpEvents.FollowUpChanged;
import com.referralloop.followup.FollowUpService;
import com.referralloop.followup.FollowUpState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Sends every closed follow-up to the CRM feed, once per follow-up. */
@Component
class CrmFollowUpFeed {

    private static final Logger log = LoggerFactory.getLogger(CrmFollowUpFeed.class);

    private final CrmFeed feed;
    private final FollowUpService followUps;
    private final WebProperties props;

    CrmFollowUpFeed(CrmFeed feed, FollowUpService followUps, WebProperties props) {
        this.feed = feed;
        this.followUps = followUps;
        this.props = props;
    }

    @EventListener
    void on(FollowUpChanged changed) {
        if (!props.crmConfigured() || !"TRANSITION".equals(changed.eventType())) {
            return;
        }
        try {
            followUps.find(changed.followUpId()).filter(f -> f.state() == FollowUpState.CLOSED)
                    .ifPresent(f -> feed.publish(eventOf(f)));
        } catch (RuntimeException e) {
            // the close itself succeeded; a failed enqueue must not undo it in the user's eyes
            log.warn("Could not queue follow-up {} for the CRM feed: {}", changed.followUpId(), e.toString());
        }
    }

    static CrmEvent eventOf(FollowUp f) {
        Instant closedAt = f.closedAt();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("followUpId", f.id());
        data.put("feedbackId", f.feedbackId());
        data.put("kind", f.kind().name());
        data.put("score", f.score());
        data.put("outcome", f.outcome() == null ? null : f.outcome().word());
        data.put("note", f.outcomeNote());
        data.put("accountId", f.accountId());
        data.put("accountName", f.accountName());
        data.put("contactEmail", f.respondentEmail());
        data.put("contactName", f.respondentName());
        data.put("ownerEmail", f.ownerEmail());
        data.put("closedBy", f.lastActor());
        data.put("source", f.source());
        data.put("openedAt", f.createdAt() == null ? null : f.createdAt().toString());
        data.values().removeIf(java.util.Objects::isNull);
        return new CrmEvent("followup.closed", f.id(), closedAt, data);
    }
}
