package com.referralloop.web;

import java.time.Instant;
import java.util.Map;

/**
 * One fact for the CRM, in a neutral shape every feature can fill.
 *
 * @param type       e.g. {@code followup.closed}, {@code consent.recorded}, {@code testimonial.approved},
 *                   {@code referral.logged}
 * @param id         the subject's id (follow-up id, consent id, ...); with {@code type} it makes the delivery unique
 * @param occurredAt when it happened
 * @param data       the fields the CRM needs (flat values, lists or maps that JSON can carry)
 */
public record CrmEvent(String type, String id, Instant occurredAt, Map<String, Object> data) {

    public CrmEvent {
        if (type == null || type.isBlank() || id == null || id.isBlank()) {
            throw new IllegalArgumentException("a CRM event needs a type and an id");
        }
        data = data == null ? Map.of() : data;
    }
}
