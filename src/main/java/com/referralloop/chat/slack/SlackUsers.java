package com.referralloop.chat.slack;

import com.referralloop.chat.ChatUser;
import com.referralloop.chat.Platform;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.users.UsersInfoResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a Slack user id into a {@link ChatUser}, with the profile email when Slack shares it
 * (users:read.email), so an owner imported by email only is recognised. Emails are cached for an
 * hour, misses too, so a command costs at most one users.info call per user and hour.
 */
final class SlackUsers {

    private static final Logger log = LoggerFactory.getLogger(SlackUsers.class);
    private static final Duration TTL = Duration.ofHours(1);

    private record Entry(String email, Instant until) { }

    private final MethodsClient client;
    private final Clock clock;
    private final SlackUserGroups groups;
    private final Map<String, Entry> emails = new ConcurrentHashMap<>();

    SlackUsers(MethodsClient client, Clock clock, SlackUserGroups groups) {
        this.client = client;
        this.clock = clock;
        this.groups = groups;
    }

    /** The user with their profile email and, as roles, the configured user groups they belong to. */
    ChatUser user(String id, String name) {
        return new ChatUser(Platform.SLACK, id, name == null || name.isBlank() ? id : name, emailOf(id),
                groups.groupsOf(id));
    }

    /** The user with what is already known about them, never calling Slack: for answers that do not need the email. */
    ChatUser known(String id, String name) {
        Entry e = emails.get(id);
        return new ChatUser(Platform.SLACK, id, name == null || name.isBlank() ? id : name, e == null ? null : e.email(), Set.of());
    }

    String emailOf(String userId) {
        Instant now = clock.instant();
        Entry e = emails.get(userId);
        if (e != null && e.until().isAfter(now)) {
            return e.email();
        }
        String email = null;
        try {
            UsersInfoResponse r = client.usersInfo(req -> req.user(userId));
            if (r.isOk() && r.getUser() != null && r.getUser().getProfile() != null) {
                email = r.getUser().getProfile().getEmail();
            } else if (!r.isOk()) {
                log.debug("users.info for {} failed: {}", userId, r.getError());
            }
        } catch (Exception ex) {
            log.debug("users.info for {} failed: {}", userId, ex.toString());
            return null;
        }
        emails.put(userId, new Entry(email == null || email.isBlank() ? null : email, now.plus(TTL)));
        return email;
    }
}
