package com.referralloop.referral;

/** Facts of the referral program, for the CRM feed and anyone else listening. */
public final class ProgramEvents {

    private ProgramEvents() {
    }

    public record ConsentRecorded(Consent consent) { }

    public record ConsentWithdrawn(Consent withdrawal) { }

    public record AccountRated(AccountRating rating) { }

    public record ReferenceAsked(ReferenceAsk request) { }

    public record ReferralLogged(Referral referral) { }

    public record ReferralUpdated(Referral referral) { }
}
