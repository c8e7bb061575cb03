package com.referralloop.feedback;

/**
 * One survey tool's webhook format: how to check it came from the tool, and how to read it.
 * {@link #verify} runs before {@link #parse}; both throw {@link WebhookRejectedException}.
 */
public interface SurveyProvider {

    /** The path segment in {@code /webhooks/feedback/{provider}}. */
    String name();

    void verify(WebhookRequest request);

    SurveyResponse parse(WebhookRequest request);
}
