package com.referralloop.chat.slack;

/** Where a posted Slack message lives; stored as {@code channel:ts} in the outbox and on follow-ups. */
record SlackRef(String channel, String ts) {

    static SlackRef parse(String ref) {
        int colon = ref == null ? -1 : ref.indexOf(':');
        if (colon <= 0 || colon == ref.length() - 1) {
            throw new IllegalArgumentException("not a Slack message reference: " + ref);
        }
        return new SlackRef(ref.substring(0, colon), ref.substring(colon + 1));
    }

    @Override
    public String toString() {
        return channel + ":" + ts;
    }
}
