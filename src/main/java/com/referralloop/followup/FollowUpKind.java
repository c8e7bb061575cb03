package com.referralloop.followup;

/** Why a follow-up exists: a promoter to turn into a reference, or a detractor to win back. */
public enum FollowUpKind {
    PROMOTER, DETRACTOR, PASSIVE
}
