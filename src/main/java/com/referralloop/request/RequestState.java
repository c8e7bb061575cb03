package com.referralloop.request;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where a reference request stands. A rep REQUESTS; the owner APPROVES (the customer is asked at that moment),
 * DECLINES or suggests another contact (a new request; this one is SUPERSEDED); the customer says yes
 * (INTRODUCED: requester and owner get the introduction) or no (CUSTOMER_DECLINED); then the requester records
 * CALL_HELD or NO_SHOW, and the deal WON or LOST. A consent withdrawn while it is open ends it (CONSENT_WITHDRAWN).
 */
public enum RequestState {
    REQUESTED, APPROVED, INTRODUCED, CALL_HELD, NO_SHOW, WON, LOST, DECLINED, CUSTOMER_DECLINED, SUPERSEDED,
    CONSENT_WITHDRAWN;

    private static final Map<RequestState, Set<RequestState>> NEXT = Map.ofEntries(
            Map.entry(REQUESTED, EnumSet.of(APPROVED, DECLINED, SUPERSEDED, CONSENT_WITHDRAWN)),
            Map.entry(APPROVED, EnumSet.of(INTRODUCED, CUSTOMER_DECLINED, CONSENT_WITHDRAWN)),
            Map.entry(INTRODUCED, EnumSet.of(CALL_HELD, NO_SHOW, WON, LOST)),
            Map.entry(CALL_HELD, EnumSet.of(WON, LOST)),
            Map.entry(NO_SHOW, EnumSet.of(CALL_HELD, WON, LOST)),
            Map.entry(WON, EnumSet.noneOf(RequestState.class)),
            Map.entry(LOST, EnumSet.noneOf(RequestState.class)),
            Map.entry(DECLINED, EnumSet.noneOf(RequestState.class)),
            Map.entry(CUSTOMER_DECLINED, EnumSet.noneOf(RequestState.class)),
            Map.entry(SUPERSEDED, EnumSet.noneOf(RequestState.class)),
            Map.entry(CONSENT_WITHDRAWN, EnumSet.noneOf(RequestState.class)));

    /** States from which {@code to} may be reached. */
    public static Set<RequestState> before(RequestState to) {
        Set<RequestState> from = EnumSet.noneOf(RequestState.class);
        NEXT.forEach((k, v) -> {
            if (v.contains(to)) {
                from.add(k);
            }
        });
        return from;
    }

    public boolean canMoveTo(RequestState to) {
        return NEXT.get(this).contains(to);
    }

    /** Waiting for the owner or the customer: the states a consent withdrawal closes. */
    public boolean awaitingYes() {
        return this == REQUESTED || this == APPROVED;
    }

    public boolean finished() {
        return NEXT.get(this).isEmpty();
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
