package com.referralloop.request;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a rep who may not see a contact's email names them: the project that fits and a short code derived from
 * the contact's id, e.g. {@code P7KQ2MX.K4F2A9}. The code is a one-way digest, resolved only among the
 * contacts of the project's account, so it tells nothing about anyone else.
 */
public record ReferenceHandle(String projectId, String contactCode) {

    private static final Pattern FORM = Pattern.compile("^(P[A-Z0-9]{6})(?:\\.(K[A-Z0-9]{6}))?$");
    private static final char[] ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();

    public static ReferenceHandle of(String projectId, String contactId) {
        return new ReferenceHandle(projectId, codeOf(contactId));
    }

    /** A project id alone (the best contact of it is chosen) or a project id with a contact code. */
    public static Optional<ReferenceHandle> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(text.trim().toUpperCase(Locale.ROOT));
        return m.matches() ? Optional.of(new ReferenceHandle(m.group(1), m.group(2))) : Optional.empty();
    }

    public static String codeOf(String contactId) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(("referral-loop-contact:" + contactId)
                    .getBytes(StandardCharsets.UTF_8));
            StringBuilder b = new StringBuilder("K");
            for (int i = 0; i < 6; i++) {
                b.append(ALPHABET[(d[i] & 0xff) % ALPHABET.length]);
            }
            return b.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return contactCode == null ? projectId : projectId + "." + contactCode;
    }
}
