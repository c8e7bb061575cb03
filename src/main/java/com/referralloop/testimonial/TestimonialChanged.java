package com.referralloop.testimonial;

/** A testimonial moved to a new state (added, approved, published, rejected, ...). */
public record TestimonialChanged(Testimonial testimonial) {
}
