package com.referralloop.request;

/** A deal was won after a reference introduction: the fact the CRM and the figures listen for. */
public record ReferenceDealWon(ReferenceRequest request) {
}
