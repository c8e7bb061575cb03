package com.referralloop.crm.hubspot;

import static com.referralloop.crm.hubspot.HubSpotStub.json;

import com.referralloop.crm.hubspot.HubSpotStub.HsObject;
import com.referralloop.crm.hubspot.HubSpotStub.Resp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * The HubSpot stub's search and paging as HubSpot documents them: one filter group of GTE (a datetime in epoch
 * ms), EQ and HAS_PROPERTY filters, sorted by the object's change time, limit at most 200 and 400 past 10,000
 * results, and the {@code paging.next.after} cursor.
 */
final class StubSearch {

    /**
     * Change times parsed once for every search, not once per search: each page filters and sorts every record,
     * and a 5,000-company full sync asks about 200 pages (the stub, not the bot, was the bench's bottleneck).
     */
    private static final Map<String, Long> EPOCH_MILLIS = new java.util.concurrent.ConcurrentHashMap<>();

    private StubSearch() {
    }

    private static long millis(String instant) {
        return EPOCH_MILLIS.computeIfAbsent(instant, t -> Instant.parse(t).toEpochMilli());
    }

    static Resp search(Map<String, HsObject> store, String changed, JsonNode body, String failingAfter) {
        int limit = body.path("limit").asInt(10);
        String after = body.path("after").isMissingNode() ? null : body.path("after").asString();
        if (limit > 200) {
            return json(400, Map.of("status", "error", "message", "limit must be at most 200"));
        }
        if (after != null && Integer.parseInt(after) >= 10_000) {
            return json(400, Map.of("status", "error", "message", "Search results are limited to 10,000"));
        }
        if (after != null && after.equals(failingAfter)) {
            return json(502, Map.of("status", "error", "message", "Bad gateway"));
        }
        Predicate<HsObject> keep = o -> true;
        for (JsonNode f : body.path("filterGroups").path(0).path("filters")) {
            Predicate<HsObject> filter = filter(f);
            if (filter == null) {
                return json(400, Map.of("status", "error", "message", "Invalid input JSON: unknown operator "
                        + f.path("operator").asString(), "category", "VALIDATION_ERROR"));
            }
            keep = keep.and(filter);
        }
        Predicate<HsObject> matches = keep;
        List<String> wanted = new ArrayList<>();
        body.path("properties").forEach(p -> wanted.add(p.asString()));
        // only the page's records rendered: a 60,000-contact full sync reads 600 pages
        List<HsObject> found = store.values().stream().filter(matches).toList();
        Map<String, Long> at = new HashMap<>();
        found.forEach(o -> at.put(o.id(), millis((String) o.properties().get(changed))));
        List<HsObject> matching = found.stream()
                .sorted(Comparator.comparing((HsObject o) -> at.get(o.id())).thenComparing(HsObject::id))
                .toList();
        Function<HsObject, Map<String, Object>> render = o -> {
            Map<String, Object> p = new LinkedHashMap<>();
            wanted.forEach(w -> p.put(w, o.properties().get(w)));
            p.put("hs_object_id", o.id());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", o.id());
            m.put("properties", p);
            m.put("createdAt", "2024-01-01T00:00:00Z");
            m.put("updatedAt", o.properties().get(changed));
            m.put("archived", false);
            return m;
        };
        Map<String, Object> page = paged(matching, after, limit, render);
        page.put("total", matching.size());
        return json(200, page);
    }

    /** One search filter as HubSpot reads it (GTE on a datetime in epoch ms, EQ, HAS_PROPERTY), or null for another operator. */
    private static Predicate<HsObject> filter(JsonNode f) {
        String property = f.path("propertyName").asString();
        String value = f.path("value").asString(null);
        return switch (f.path("operator").asString()) {
            case "GTE" -> {
                long from = Long.parseLong(value);
                yield o -> o.properties().get(property) instanceof String v && !v.isEmpty() && millis(v) >= from;
            }
            case "EQ" -> o -> value != null && value.equalsIgnoreCase(String.valueOf(o.properties().get(property)));
            // HubSpot stores "" as no value
            case "HAS_PROPERTY" -> o -> o.properties().get(property) instanceof String v && !v.isEmpty();
            default -> null;
        };
    }

    static Map<String, Object> paged(List<Map<String, Object>> all, String after, int limit) {
        return paged(all, after, limit, m -> m);
    }

    /** One page of {@code all} in HubSpot's shape; only the page's items are rendered. */
    static <T> Map<String, Object> paged(List<T> all, String after, int limit,
                                                 Function<T, Map<String, Object>> render) {
        int start = after == null ? 0 : Integer.parseInt(after);
        int end = Math.min(all.size(), start + limit);
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("results", start >= all.size() ? List.of() : all.subList(start, end).stream().map(render).toList());
        if (end < all.size()) {
            page.put("paging", Map.of("next", Map.of("after", Integer.toString(end), "link", "?after=" + end)));
        }
        return page;
    }
}
