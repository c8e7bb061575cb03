package com.referralloop.reply;

import com.referralloop.sla.SlaProperties;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Component;

/**
 * Reply tokens that tie an email reply to its follow-up: {@code <id>-<HMAC-SHA256(key, id), 96 bits hex>}.
 * Not guessable without the key; nothing to store per follow-up. The key is {@code REFERRAL_REPLY_TOKEN_KEY},
 * or else a random key created once in MongoDB, so every instance shares it and tokens survive restarts.
 */
@Component
public class ReplyTokens {

    private static final Pattern IN_ADDRESS = Pattern.compile("reply\\+([A-Za-z0-9]+-[0-9A-Fa-f]{24})@", Pattern.CASE_INSENSITIVE);
    private static final Pattern IN_SUBJECT = Pattern.compile("\\[ref:([A-Za-z0-9]+-[0-9A-Fa-f]{24})]", Pattern.CASE_INSENSITIVE);
    private static final String KEY_ID = "email-reply-token";

    @Document("reply_keys")
    record StoredKey(@Id String id, String key) { }

    private final SlaProperties props;
    private final MongoTemplate mongo;
    private volatile byte[] key;

    ReplyTokens(SlaProperties props, MongoTemplate mongo) {
        this.props = props;
        this.mongo = mongo;
    }

    public String tokenFor(String followUpId) {
        return followUpId.toLowerCase(Locale.ROOT) + "-" + mac(followUpId.toUpperCase(Locale.ROOT));
    }

    /** The follow-up id a token stands for, when the token is genuine. */
    public Optional<String> verify(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int dash = token.lastIndexOf('-');
        if (dash <= 0) {
            return Optional.empty();
        }
        String id = token.substring(0, dash).toUpperCase(Locale.ROOT);
        byte[] expected = mac(id).getBytes(StandardCharsets.US_ASCII);
        byte[] given = token.substring(dash + 1).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? Optional.of(id) : Optional.empty();
    }

    /** The token in a reply-to address ({@code reply+<token>@...}) anywhere in {@code to}, else in the subject ({@code [ref:<token>]}). */
    public static Optional<String> find(String to, String subject) {
        for (String text : new String[] {to, subject}) {
            if (text == null) {
                continue;
            }
            Matcher m = (text == to ? IN_ADDRESS : IN_SUBJECT).matcher(text);
            if (m.find()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    /** The reply-to address for a follow-up, when a reply domain is configured. */
    public Optional<String> replyAddress(String followUpId) {
        return Optional.ofNullable(props.replyDomain()).map(d -> "reply+" + tokenFor(followUpId) + "@" + d);
    }

    private String mac(String id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            byte[] full = mac.doFinal(id.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(full, 0, 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] key() {
        byte[] k = key;
        if (k != null) {
            return k;
        }
        if (props.replyTokenKey() != null) {
            k = props.replyTokenKey().getBytes(StandardCharsets.UTF_8);
        } else {
            StoredKey stored = mongo.findById(KEY_ID, StoredKey.class);
            if (stored == null) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                try {
                    mongo.insert(new StoredKey(KEY_ID, HexFormat.of().formatHex(fresh)));
                } catch (DuplicateKeyException anotherInstanceWon) {
                    // fine: use the one stored first
                }
                stored = mongo.findById(KEY_ID, StoredKey.class);
            }
            k = HexFormat.of().parseHex(stored.key());
        }
        key = k;
        return k;
    }
}
