package com.referralloop.reference;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A customer project that proves strengths. Past {@code validUntil} it is no longer offered
 * (outdated technology, a newer product generation).
 *
 * @param strengths lower-case words, from the configured list or free
 */
@Document("reference_projects")
// the search filters by one strength (a multikey index) and shows the newest projects first
@org.springframework.data.mongodb.core.index.CompoundIndex(name = "projects_strength_created",
        def = "{'strengths': 1, 'createdAt': -1}")
// an empty search lists the strengths of the projects still valid (a distinct over this index)
@org.springframework.data.mongodb.core.index.CompoundIndex(name = "projects_valid_strengths",
        def = "{'validUntil': 1, 'strengths': 1}")
public record ReferenceProject(@Id String id, @Indexed String accountId, String title, List<String> strengths,
                               String industry, String product, LocalDate validUntil, String createdBy,
                               Instant createdAt) {

    public ReferenceProject {
        strengths = strengths == null ? List.of() : List.copyOf(strengths);
    }

    public boolean validOn(LocalDate today) {
        return validUntil == null || !today.isAfter(validUntil);
    }
}
