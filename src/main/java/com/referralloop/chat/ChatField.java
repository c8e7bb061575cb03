package com.referralloop.chat;

/** A labelled value shown beside a message. */
public record ChatField(String label, String value) {
}
