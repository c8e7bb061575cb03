package com.referralloop.crm.salesforce;

import com.referralloop.crm.CrmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the bot inside its share of the org's daily API requests. Every answer's {@code Sforce-Limit-Info}
 * ({@code api-usage=N/M}, maybe {@code per-app-api-usage=N/M(appName=...)}) is read; once a usage reaches the
 * share, calls stop for a pause (throttled, so outbox writes wait without counting a failed attempt), then
 * one call goes through and its answer says whether to go on. A {@code REQUEST_LIMIT_EXCEEDED} answer stops
 * calls too: an hour for the daily total (the limit is a rolling 24 hours, so room comes back gradually and
 * an hourly probe costs at most 24 refused calls a day), half a minute for the concurrent-request limit.
 */
final class SalesforceApiUsage {

    static final String HEADER = "Sforce-Limit-Info";
    static final Duration DAILY_LIMIT_PAUSE = Duration.ofHours(1);
    static final Duration CONCURRENCY_PAUSE = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(SalesforceApiUsage.class);
    private static final Pattern USAGE = Pattern.compile("([a-z-]+)=(\\d+)/(\\d+)");

    private final double share;
    private final Duration pause;
    private final Clock clock;
    private final AtomicReference<Instant> blockedUntil = new AtomicReference<>();
    private volatile String lastSeen = "unknown";

    SalesforceApiUsage(double share, Duration pause, Clock clock) {
        this.share = share;
        this.pause = pause;
        this.clock = clock;
    }

    /** Throws a throttled CrmException while calls are stopped; past the pause lets one call through to look. */
    void check(String what) {
        Instant now = clock.instant();
        Instant until = blockedUntil.get();
        if (until == null) {
            return;
        }
        if (!now.isBefore(until) && blockedUntil.compareAndSet(until, now.plus(pause))) {
            return; // this call is the probe: its answer clears or renews the stop
        }
        Instant wait = blockedUntil.get();
        Duration left = wait == null || !now.isBefore(wait) ? Duration.ofSeconds(1) : Duration.between(now, wait);
        throw new CrmException(CrmException.Kind.RATE_LIMITED, what + ": waiting, Salesforce API usage " + lastSeen
                + " is past the bot's share (" + percent() + " of the daily limit)", left);
    }

    /** Reads one answer's usage header (absent on some answers: then nothing changes). */
    void seen(String header) {
        if (header == null || header.isBlank()) {
            return;
        }
        boolean over = false;
        Matcher m = USAGE.matcher(header);
        while (m.find()) {
            long used = Long.parseLong(m.group(2));
            long max = Long.parseLong(m.group(3));
            over |= max > 0 && used >= share * max;
        }
        lastSeen = header.trim();
        if (over) {
            Instant was = blockedUntil.getAndSet(clock.instant().plus(pause));
            if (was == null) {
                log.warn("Salesforce API usage {} reached the bot's share ({}): CRM calls pause {} at a time until it drops",
                        lastSeen, percent(), pause);
            }
        } else if (blockedUntil.getAndSet(null) != null) {
            log.info("Salesforce API usage {} is under the bot's share again: CRM calls go on", lastSeen);
        }
    }

    /** Salesforce refused the call for a limit: stop calling for a while, and say so. */
    CrmException exceeded(String salesforceMessage, String what) {
        boolean daily = salesforceMessage != null && salesforceMessage.contains("TotalRequests");
        Duration wait = daily ? DAILY_LIMIT_PAUSE : CONCURRENCY_PAUSE;
        blockedUntil.set(clock.instant().plus(wait));
        if (daily) {
            log.warn("Salesforce refused a call: the org's daily API request limit is used up; CRM calls wait {} "
                    + "at a time (chat keeps working, writes stay in the outbox)", wait);
        }
        return new CrmException(CrmException.Kind.RATE_LIMITED, what + ": Salesforce REQUEST_LIMIT_EXCEEDED ("
                + (daily ? "daily API requests" : "concurrent requests") + ")", wait);
    }

    private String percent() {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }
}
