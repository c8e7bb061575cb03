package com.referralloop.support;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.function.Function;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Every API list is a page: at most {@code limit} rows (default 100, at most 500), newest or first by a stable
 * order. When more rows follow, the answer carries {@code X-Next-Cursor} and a {@code Link: <...>; rel="next"}
 * header (RFC 8288) with the same query and that cursor. The body stays a JSON array, so callers that read one
 * page keep working. Callers fetch {@code limit + 1} rows: the extra one only says that another page exists.
 */
public final class Pages {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 500;
    public static final String NEXT_CURSOR = "X-Next-Cursor";

    private Pages() {
    }

    /** The limit asked for, kept within 1..500; a request for none or too many gets the nearest allowed. */
    public static int limit(int requested) {
        return Math.max(1, Math.min(requested, MAX_LIMIT));
    }

    /** Trims the look-ahead row and, when there was one, points at the next page. */
    public static <T> ResponseEntity<List<T>> of(List<T> fetched, int limit, Function<T, PageCursor> cursorOf,
                                                 HttpServletRequest request) {
        if (fetched.size() <= limit) {
            return ResponseEntity.ok(fetched);
        }
        List<T> page = fetched.subList(0, limit);
        String next = cursorOf.apply(page.get(limit - 1)).encode();
        // relative to this request: behind a proxy the bot's own host name is not the caller's
        String link = UriComponentsBuilder.fromPath(request.getRequestURI()).query(request.getQueryString())
                .replaceQueryParam("cursor", next).build().toUriString();
        return ResponseEntity.ok().header(NEXT_CURSOR, next).header("Link", "<" + link + ">; rel=\"next\"")
                .body(List.copyOf(page));
    }
}
