package com.referralloop.request;

import com.referralloop.support.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;

/** What the rep needs from the reference, and the consent scope that must cover it. */
public enum RequestNeed {
    CALL("call", "call"),
    QUOTE("quote", "quote"),
    CASE_STUDY("case-study", "case-study"),
    // a visit is a longer conversation in person: the customer must have agreed to talk to prospects
    SITE_VISIT("site-visit", "call"),
    REVIEW("review", "review-site");

    private final String word;
    private final String scope;

    RequestNeed(String word, String scope) {
        this.word = word;
        this.scope = scope;
    }

    public String word() {
        return word;
    }

    /** The consent scope word that must be in the contact's live consent. */
    public String scope() {
        return scope;
    }

    public static RequestNeed parse(String s) {
        if (s == null || s.isBlank()) {
            return CALL;
        }
        return Arrays.stream(values()).filter(n -> n.word.equalsIgnoreCase(s.trim())).findFirst()
                .orElseThrow(() -> new InvalidInputException("need= must be one of " + words() + ", not '" + s + "'"));
    }

    public static String words() {
        return String.join("|", Arrays.stream(values()).map(RequestNeed::word).toList());
    }

    @Override
    public String toString() {
        return word.toLowerCase(Locale.ROOT);
    }
}
