package com.referralloop.chat.discord;

import com.referralloop.chat.Platform;
import com.referralloop.chat.outbox.ChatSender;
import com.referralloop.chat.outbox.OutboxMessage;
import com.referralloop.chat.outbox.OutboxMessage.OutboxKind;
import com.referralloop.chat.outbox.SendResult;
import com.referralloop.support.LogSafe;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers outbox messages to Discord with one plain REST call per attempt, not through JDA's
 * RestAction queue: JDA waits out 429s itself (blocking the outbox thread, invisible to other
 * instances), whereas the outbox should learn {@code retry_after}, store it and move on.
 *
 * <p>Destinations: a channel id, or {@code dm:<userId>} (a DM channel is opened first). The ref of
 * a posted message is {@code <channelId>:<messageId>}, which is what an UPDATE targets.
 */
final class DiscordRestSender implements ChatSender {

    private static final Logger log = LoggerFactory.getLogger(DiscordRestSender.class);
    static final String DM_PREFIX = "dm:";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final String baseUrl;
    private final String token;
    private final Map<String, String> dmChannels = new ConcurrentHashMap<>();

    private final MeterRegistry metrics;

    DiscordRestSender(DiscordProperties props, MeterRegistry metrics) {
        this(props.apiBaseUrl(), props.botToken(), metrics);
    }

    DiscordRestSender(String baseUrl, String token) {
        this(baseUrl, token, Metrics.globalRegistry);
    }

    DiscordRestSender(String baseUrl, String token, MeterRegistry metrics) {
        this.metrics = metrics;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    @Override
    public Platform platform() {
        return Platform.DISCORD;
    }

    @Override
    public SendResult send(OutboxMessage message) {
        try {
            if (message.kind() == OutboxKind.UPDATE) {
                return update(message);
            }
            Reply channel = channelOf(message.target().destination());
            if (channel.failure != null) {
                return channel.failure;
            }
            DataObject data = DiscordMessageRenderer.create(message.message()).toData();
            String replyTo = replyTo(message.target().threadRef(), channel.value);
            if (replyTo != null) {
                // a notice about a follow-up is a Discord reply to the follow-up's own message (same channel only);
                // if that message was deleted, it is posted plainly rather than refused
                data.put("message_reference", DataObject.empty().put("message_id", replyTo).put("fail_if_not_exists", false));
            }
            Reply r = call("POST", "channels/" + channel.value + "/messages", data.toString());
            return r.failure != null ? r.failure : SendResult.sent(channel.value + ":" + r.json.getString("id"));
        } catch (IOException e) {
            apiError("io");
            return new SendResult.Failed("Discord unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult.Failed("interrupted");
        }
    }

    private SendResult update(OutboxMessage message) throws IOException, InterruptedException {
        String ref = message.target().threadRef();
        int colon = ref == null ? -1 : ref.indexOf(':');
        if (colon <= 0) {
            return new SendResult.Permanent("not a Discord message ref: " + ref);
        }
        String body = DiscordMessageRenderer.edit(message.message()).toData().toString();
        Reply r = call("PATCH", "channels/" + ref.substring(0, colon) + "/messages/" + ref.substring(colon + 1), body);
        return r.failure != null ? r.failure : SendResult.sent(ref);
    }

    /** The message id of {@code channelId:messageId} when it lives in {@code channel}, else null. */
    static String replyTo(String threadRef, String channel) {
        int colon = threadRef == null ? -1 : threadRef.indexOf(':');
        if (colon <= 0 || colon == threadRef.length() - 1 || !threadRef.substring(0, colon).equals(channel)) {
            return null;
        }
        return threadRef.substring(colon + 1);
    }

    private Reply channelOf(String destination) throws IOException, InterruptedException {
        if (!destination.startsWith(DM_PREFIX)) {
            return Reply.ok(destination, null);
        }
        String userId = destination.substring(DM_PREFIX.length());
        String cached = dmChannels.get(userId);
        if (cached != null) {
            return Reply.ok(cached, null);
        }
        Reply r = call("POST", "users/@me/channels", DataObject.empty().put("recipient_id", userId).toString());
        if (r.failure != null) {
            return r;
        }
        String channelId = r.json.getString("id");
        dmChannels.put(userId, channelId);
        return Reply.ok(channelId, r.json);
    }

    private Reply call(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
                .header("Authorization", "Bot " + token)
                .header("Content-Type", "application/json")
                .header("User-Agent", "DiscordBot (https://github.com/referral-loop, 0.1) ReferralLoop")
                .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return Reply.ok(null, response.body().isBlank() ? DataObject.empty() : DataObject.fromJson(response.body()));
        }
        String detail = errorDetail(response.body());
        apiError(String.valueOf(status));
        if (status == 429) {
            Duration wait = retryAfter(response);
            log.info("Discord rate limit on {} {}: retry after {}", method, LogSafe.mask(path), wait);
            return Reply.fail(new SendResult.Throttled(wait));
        }
        if (status >= 500) {
            return Reply.fail(new SendResult.Failed("Discord " + status + detail));
        }
        // 400 (bad payload), 401 (bad token), 403 (missing access), 404 (unknown channel/message):
        // repeating would not help and counts towards Discord's invalid-request ban
        return Reply.fail(new SendResult.Permanent("Discord " + status + detail));
    }

    private void apiError(String code) {
        metrics.counter("referral.chat.api.errors", "platform", "DISCORD", "code", code).increment();
    }

    /** {@code retry_after} from the body (seconds, fractional), else the Retry-After header, else 1 s. */
    static Duration retryAfter(HttpResponse<String> response) {
        Optional<Double> fromBody = Optional.empty();
        try {
            DataObject body = DataObject.fromJson(response.body());
            if (body.hasKey("retry_after")) {
                fromBody = Optional.of(body.getDouble("retry_after"));
            }
        } catch (RuntimeException notJson) {
            // Cloudflare-level limits answer with HTML: fall back to the header
        }
        double seconds = fromBody.orElseGet(() -> response.headers().firstValue("Retry-After")
                .map(DiscordRestSender::parseDouble).orElse(1.0));
        return Duration.ofMillis(Math.max(1, (long) Math.ceil(seconds * 1000)));
    }

    private static double parseDouble(String s) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return 1.0;
        }
    }

    private static String errorDetail(String body) {
        try {
            DataObject o = DataObject.fromJson(body);
            return ": " + o.getString("message", "?") + " (code " + o.getInt("code", 0) + ")";
        } catch (RuntimeException e) {
            return "";
        }
    }

    private record Reply(String value, DataObject json, SendResult failure) {

        static Reply ok(String value, DataObject json) {
            return new Reply(value, json, null);
        }

        static Reply fail(SendResult failure) {
            return new Reply(null, null, failure);
        }
    }
}
