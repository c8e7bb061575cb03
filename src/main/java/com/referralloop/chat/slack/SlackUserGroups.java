package com.referralloop.chat.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.usergroups.users.UsergroupsUsersListResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which of the configured Slack user groups (e.g. the referral-program admins) a user belongs to, so
 * permissions can be checked on {@code ChatUser.roles}. Memberships are cached for a few minutes: one
 * usergroups.users.list call per group, not per command.
 */
final class SlackUserGroups {

    private static final Logger log = LoggerFactory.getLogger(SlackUserGroups.class);
    private static final Duration TTL = Duration.ofMinutes(5);

    private record Members(Set<String> users, Instant until) { }

    private final MethodsClient client;
    private final Clock clock;
    private final List<String> groups;
    private final Map<String, Members> cache = new ConcurrentHashMap<>();
    private final Map<String, Instant> warned = new ConcurrentHashMap<>();

    SlackUserGroups(MethodsClient client, Clock clock, List<String> groups) {
        this.client = client;
        this.clock = clock;
        this.groups = groups.stream().filter(g -> g != null && !g.isBlank()).map(String::trim).toList();
    }

    Set<String> groupsOf(String userId) {
        Set<String> of = new TreeSet<>();
        for (String group : groups) {
            if (members(group).contains(userId)) {
                of.add(group);
            }
        }
        return of;
    }

    private Set<String> members(String group) {
        Instant now = clock.instant();
        Members cached = cache.get(group);
        if (cached != null && cached.until().isAfter(now)) {
            return cached.users();
        }
        try {
            UsergroupsUsersListResponse r = client.usergroupsUsersList(req -> req.usergroup(group));
            if (r.isOk() && r.getUsers() != null) {
                Set<String> users = Set.copyOf(r.getUsers());
                cache.put(group, new Members(users, now.plus(TTL)));
                return users;
            }
            warnOnce(group, r.getError() + " (is the usergroups:read scope granted?)");
        } catch (Exception e) {
            warnOnce(group, e.toString());
        }
        // keep the last known members on a failure rather than locking admins out
        return cached == null ? Set.of() : cached.users();
    }

    private void warnOnce(String group, String why) {
        Instant now = clock.instant();
        Instant last = warned.get(group);
        if (last == null || last.plus(TTL).isBefore(now)) {
            warned.put(group, now);
            log.warn("usergroups.users.list for {} failed: {}", group, why);
        }
    }
}
