package com.referralloop.audit;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One audited operation: who did what to which subject, when, and the state before and after.
 *
 * @param action  e.g. CONSENT_RECORDED, CONSENT_WITHDRAWN, RATING, FATIGUE_OVERRIDE, EXPORT, ERASE
 * @param subject the contact id or account id it concerns
 */
@Document("audit")
public record AuditEntry(@Id String id, String action, @Indexed String subject, String by, Instant at,
                         String before, String after) {
}
