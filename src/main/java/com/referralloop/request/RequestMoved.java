package com.referralloop.request;

/**
 * A reference request was created ({@code from} null) or moved to a new state: the fact the CRM feed and
 * the figures listen for. Published after the move is stored, once per transition.
 */
public record RequestMoved(ReferenceRequest request, RequestState from) {
}
