package com.referralloop.followup;

import com.referralloop.chat.Platform;
import java.time.Instant;

/** A customer's answer to a follow-up, from a chat thread, a DM or an email. */
public record CustomerReply(Instant at, Platform channel, String from, String text) {
}
