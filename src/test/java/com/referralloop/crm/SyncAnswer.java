package com.referralloop.crm;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.support.Http;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One sync run through {@code POST /api/crm/sync}: its answer (the {@link CrmSyncState} as JSON) and how long
 * the call took.
 */
public record SyncAnswer(JsonNode run, double seconds) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Runs a sync now; fails unless it answers 200. */
    public static SyncAnswer post(Http http) {
        long started = System.nanoTime();
        HttpResponse<String> r = http.post("/api/crm/sync", "application/json", "", Map.of());
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new SyncAnswer(JSON.readTree(r.body()), seconds);
    }

    public String outcome() {
        return run.path("outcome").asString();
    }

    /** Accounts read and changed, contacts read and changed, records failed. */
    public List<Integer> counts() {
        JsonNode c = run.path("counts");
        return List.of(c.path("accountsRead").asInt(), c.path("accountsChanged").asInt(), c.path("contactsRead").asInt(),
                c.path("contactsChanged").asInt(), c.path("failed").asInt());
    }

    public Instant accountsMark() {
        return Instant.parse(run.path("accountsMark").asString());
    }

    public Instant contactsMark() {
        return Instant.parse(run.path("contactsMark").asString());
    }
}
