package com.referralloop.feedback;

/** Net Promoter Score groups. */
public enum NpsCategory {
    PROMOTER, PASSIVE, DETRACTOR
}
