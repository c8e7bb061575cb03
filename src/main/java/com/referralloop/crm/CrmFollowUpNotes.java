package com.referralloop.crm;

import com.referralloop.followup.CustomerReply;
import com.referralloop.followup.FollowUp;
import com.referralloop.followup.FollowUpEvents.FollowUpChanged;
import com.referralloop.followup.FollowUpService;
import com.referralloop.followup.FollowUpState;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

/**
 * A closed follow-up becomes a note on its account in the CRM: the answer, how it was closed and by whom,
 * and what the customer replied. Each close is its own fact (the follow-up's id and the close's time), so a
 * reopened follow-up closed again gets a second note and a re-published event none.
 */
public class CrmFollowUpNotes {

    private static final Logger log = LoggerFactory.getLogger(CrmFollowUpNotes.class);
    /** HubSpot keeps up to 65,536 characters in a note body; room is left for the markup. */
    static final int MAX_TEXT = 50_000;
    private static final String FACT = "followup:";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final CrmWriteQueue queue;
    private final FollowUpService followUps;

    CrmFollowUpNotes(CrmWriteQueue queue, FollowUpService followUps) {
        this.queue = queue;
        this.followUps = followUps;
    }

    @EventListener
    void on(FollowUpChanged e) {
        if (!"TRANSITION".equals(e.eventType())) {
            return;
        }
        try {
            followUps.find(e.followUpId()).filter(f -> f.state() == FollowUpState.CLOSED && f.accountId() != null)
                    .ifPresent(this::queueNote);
        } catch (RuntimeException ex) {
            // the close itself succeeded; a failed enqueue must not undo it in the user's eyes
            log.warn("Could not queue follow-up {} as a CRM note: {}", e.followUpId(), ex.toString());
        }
    }

    private void queueNote(FollowUp f) {
        Instant closedAt = f.closedAt();
        // the contact travels with the note (and is a mention the outbox keeps), so an erase finds both
        queue.queue(FACT + f.id() + "@" + (closedAt == null ? "closed" : closedAt.toEpochMilli()),
                new CrmWrite(CrmWrite.Kind.NOTE, f.accountId(), Map.of(), text(f, closedAt), closedAt, null, f.contactId()));
    }

    /** The follow-up a note's fact ("followup:&lt;id&gt;@&lt;closed at&gt;") names, or null for another fact. */
    static String followUpIdOf(String fact) {
        int at = fact == null ? -1 : fact.lastIndexOf('@');
        return fact != null && fact.startsWith(FACT) && at > FACT.length() ? fact.substring(FACT.length(), at) : null;
    }

    /** Plain lines; the adapter turns them into the CRM's note format. */
    static String text(FollowUp f, Instant closedAt) {
        List<String> lines = new ArrayList<>();
        lines.add("Referral Loop follow-up " + f.id() + " closed: " + (f.outcome() == null ? "closed" : f.outcome().word())
                + (f.outcomeNote() == null || f.outcomeNote().isBlank() ? "" : " (" + f.outcomeNote().trim() + ")")
                + (f.lastActor() == null ? "" : ", by " + f.lastActor())
                + (closedAt == null ? "" : ", " + WHEN.format(closedAt)) + ".");
        String who = f.respondentName() != null ? f.respondentName() : f.respondentEmail();
        lines.add("NPS " + f.score() + "/10 (" + f.kind().name().toLowerCase(Locale.ROOT) + ")"
                + (who == null ? "" : " from " + who) + (f.source() == null ? "" : ", survey " + f.source()) + ".");
        if (f.comment() != null && !f.comment().isBlank()) {
            lines.add("Comment: " + f.comment().trim());
        }
        if (f.replies().isEmpty()) {
            lines.add("No replies from the customer.");
        } else {
            lines.add("Customer replies:");
            for (CustomerReply r : f.replies()) {
                lines.add("- " + (r.at() == null ? "" : WHEN.format(r.at()) + " ")
                        + "(" + (r.channel() == null ? "unknown" : r.channel().name().toLowerCase(Locale.ROOT)) + "): "
                        + (r.text() == null ? "" : r.text().trim()));
            }
        }
        String text = String.join("\n", lines);
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "\n[cut: the rest is in Referral Loop]";
    }
}
