package com.referralloop.feedback;

import java.time.Instant;

/**
 * A survey answer as a provider sent it, in neutral form.
 *
 * @param source      survey or provider name; with {@code responseId} it identifies the answer
 * @param responseId  the provider's id of the answer
 * @param score       NPS 0-10; null only in provider updates that carry no score
 * @param comment     free text, may arrive in a later update
 * @param email       the respondent's email, when known
 * @param accountId   the CRM account id, when the survey carried it
 * @param respondedAt when the customer answered
 * @param raw         the payload as received (stored as text, never as query keys)
 */
public record SurveyResponse(String source, String responseId, Integer score, String comment, String email,
                             String accountId, Instant respondedAt, String raw) {
}
