package com.referralloop.crm;

import java.time.Instant;

/** A contact the CRM archived, deleted or merged into another one. */
public record CrmRemoval(String crmId, String email, Instant removedAt) {
}
