package com.referralloop.testimonial;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A customer quote on its way to publication. {@code approvedQuote} is the text the customer
 * approved; it never changes, and an edit of the quote starts a new approval.
 *
 * @param approvals every customer approval with its evidence, oldest first
 * @param history   every state change, oldest first
 */
@Document("testimonials")
// the program dashboard counts these by period
@CompoundIndexes({
    @CompoundIndex(name = "testimonial_created", def = "{'createdAt': 1}"),
    // /testimonial list: newest first, unfiltered, by status or by contact
    @CompoundIndex(name = "testimonial_updated", def = "{'updatedAt': -1, '_id': -1}"),
    @CompoundIndex(name = "testimonial_state_updated",
            def = "{'state': 1, 'updatedAt': -1, '_id': -1}"),
    @CompoundIndex(name = "testimonial_contact_updated",
            def = "{'contactId': 1, 'updatedAt': -1, '_id': -1}")
})
public record Testimonial(@Id String id, @Indexed String contactId, @Indexed String accountId, String quote,
                          String projectId, @Indexed TestimonialState state, String approvedQuote,
                          String rejectionReason, List<Approval> approvals, List<Step> history,
                          String createdBy, Instant createdAt, Instant updatedAt) {

    public Testimonial {
        approvals = approvals == null ? List.of() : approvals;
        history = history == null ? List.of() : history;
    }

    /** The customer approved {@code text}; {@code evidence} is a link or a note of how. */
    public record Approval(String text, String evidence, String recordedBy, Instant at) {
    }

    /** One state change. */
    public record Step(TestimonialState from, TestimonialState to, String by, Instant at, String note) {
    }
}
