package com.referralloop.testimonial;

import java.util.Locale;

/** draft → pending customer approval → approved → published, or rejected with a reason. */
public enum TestimonialState {
    DRAFT, PENDING_CUSTOMER, APPROVED, PUBLISHED, REJECTED;

    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
