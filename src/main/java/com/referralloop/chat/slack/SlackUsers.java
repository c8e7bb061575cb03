package com.referralloop.chat.slack;

import com.referralloop.chat.ChatUser;
import com.referralloop.chat.Platform;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.model.User;
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
 * (users:read.email), so an owner imported by email only is recognised, and whether they are a full
 * member of the bot's own workspace (not a guest, a Slack Connect user, another team's user, a bot or
 * deactivated). Lookups are cached for an hour, misses too, so a command costs at most one users.info
 * call per user and hour.
 */
final class SlackUsers implements com.referralloop.chat.ChatEmailLookup {

    private static final Logger log = LoggerFactory.getLogger(SlackUsers.class);
    private static final Duration TTL = Duration.ofHours(1);

    private record Entry(String email, ChatUser.Membership membership, Instant until) { }

    private final MethodsClient client;
    private final Clock clock;
    private final SlackUserGroups groups;
    private final Map<String, Entry> emails = new ConcurrentHashMap<>();
    /** The bot's own workspace, from auth.test; null until Slack has answered once. */
    private volatile String ownTeam;

    SlackUsers(MethodsClient client, Clock clock, SlackUserGroups groups) {
        this.client = client;
        this.clock = clock;
        this.groups = groups;
    }

    /** The user with their profile email and, as roles, the configured user groups they belong to. */
    ChatUser user(String id, String name) {
        Entry e = lookup(id);
        return new ChatUser(Platform.SLACK, id, name == null || name.isBlank() ? id : name, e.email(),
                groups.groupsOf(id), e.membership());
    }

    /** The user with what is already known about them, never calling Slack: for answers that do not need the email. */
    ChatUser known(String id, String name) {
        Entry e = emails.get(id);
        return new ChatUser(Platform.SLACK, id, name == null || name.isBlank() ? id : name, e == null ? null : e.email(),
                Set.of(), e == null ? null : e.membership());
    }

    @Override
    public Platform platform() {
        return Platform.SLACK;
    }

    @Override
    public java.util.Optional<String> emailOf(String userId) {
        return java.util.Optional.ofNullable(lookup(userId).email());
    }

    private Entry lookup(String userId) {
        Instant now = clock.instant();
        Entry e = emails.get(userId);
        if (e != null && e.until().isAfter(now)) {
            return e;
        }
        String email = null;
        ChatUser.Membership membership = ChatUser.Membership.UNKNOWN;
        try {
            UsersInfoResponse r = client.usersInfo(req -> req.user(userId));
            if (r.isOk() && r.getUser() != null) {
                User u = r.getUser();
                email = u.getProfile() == null ? null : u.getProfile().getEmail();
                membership = membership(u);
            } else if (!r.isOk()) {
                log.debug("users.info for {} failed: {}", userId, r.getError());
            }
        } catch (Exception ex) {
            log.debug("users.info for {} failed: {}", userId, ex.toString());
            return new Entry(null, ChatUser.Membership.UNKNOWN, now);
        }
        Entry fresh = new Entry(email == null || email.isBlank() ? null : email, membership, now.plus(TTL));
        emails.put(userId, fresh);
        return fresh;
    }

    /** Guests (single- and multi-channel), Slack Connect strangers, bots, deactivated users and other teams are outsiders. */
    private ChatUser.Membership membership(User u) {
        if (u.isRestricted() || u.isUltraRestricted() || u.isStranger() || u.isBot() || u.isDeleted()) {
            return ChatUser.Membership.OUTSIDER;
        }
        String team = ownTeam();
        if (team == null) {
            return ChatUser.Membership.UNKNOWN;
        }
        return team.equals(u.getTeamId()) ? ChatUser.Membership.MEMBER : ChatUser.Membership.OUTSIDER;
    }

    private String ownTeam() {
        if (ownTeam == null) {
            try {
                AuthTestResponse r = client.authTest(req -> req);
                if (r.isOk()) {
                    ownTeam = r.getTeamId();
                }
            } catch (Exception ex) {
                log.debug("auth.test failed: {}", ex.toString());
            }
        }
        return ownTeam;
    }
}
