package com.referralloop.followup;

import com.referralloop.chat.Platform;

/** Where a follow-up's message was posted, so it can be updated in place later. */
public record MessageRef(Platform platform, String destination, String ref) {
}
