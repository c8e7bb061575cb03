package com.referralloop.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * Where the next page of a list starts: the sort value and the {@code _id} of the last row sent. A keyset
 * cursor rather than skip/offset, so page 1,000 costs what page 1 costs (an index seek, no skipped rows) and a
 * row stored meanwhile neither repeats nor hides one. Opaque to callers: base64url of "sort value|id".
 *
 * @param at the sort field's value of the last row (null when the list is sorted by {@code _id} alone)
 * @param id the last row's {@code _id}, the tie-break that makes the order total
 */
public record PageCursor(Instant at, String id) {

    public PageCursor {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("a cursor needs the last row's id");
        }
    }

    public String encode() {
        String raw = (at == null ? "" : Long.toString(at.toEpochMilli())) + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Null for no cursor (the first page); a 400 for a token this API did not give out. */
    public static PageCursor decode(String token) {
        if (token == null || token.isBlank()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token.trim()), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            String at = raw.substring(0, bar);
            return new PageCursor(at.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(at)), raw.substring(bar + 1));
        } catch (RuntimeException e) {
            throw new InvalidInputException("cursor is not one this API gave out; send the X-Next-Cursor value of the "
                    + "previous page, or leave cursor out for the first page");
        }
    }

    /**
     * Rows after this cursor in a list sorted by {@code field} then {@code _id}, both in {@code direction}
     * ({@code field} null: sorted by {@code _id} alone).
     */
    public Criteria after(String field, Sort.Direction direction) {
        boolean desc = direction == Sort.Direction.DESC;
        Criteria idAfter = desc ? Criteria.where("_id").lt(id) : Criteria.where("_id").gt(id);
        if (field == null || at == null) {
            return idAfter;
        }
        Criteria valueAfter = desc ? Criteria.where(field).lt(at) : Criteria.where(field).gt(at);
        Criteria tie = new Criteria().andOperator(Criteria.where(field).is(at), idAfter);
        return new Criteria().orOperator(valueAfter, tie);
    }

    /** The order the cursor walks: the field, then {@code _id}, the same way. */
    public static Sort sort(String field, Sort.Direction direction) {
        return field == null ? Sort.by(direction, "_id") : Sort.by(direction, field).and(Sort.by(direction, "_id"));
    }
}
