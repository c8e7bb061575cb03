package com.referralloop.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Walks a paged API list the way a client does: follows {@code Link: <...>; rel="next"} until it stops, checking
 * on the way that the link carries the {@code X-Next-Cursor} token and that the last page has neither header.
 */
public final class PageWalk {

    static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    /** Plain Jackson is enough to read pages back; the app's own mapper is not under test here. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private PageWalk() {
    }

    /** Each page's JSON array, in the order they came. */
    public static List<JsonNode> pages(Http http, String first) {
        List<JsonNode> pages = new ArrayList<>();
        String next = first;
        while (next != null) {
            HttpResponse<String> r = http.get(next);
            assertThat(r.statusCode()).as(next).isEqualTo(200);
            pages.add(JSON.readTree(r.body()));
            String link = r.headers().firstValue("Link").orElse(null);
            if (link == null) {
                assertThat(r.headers().firstValue(Pages.NEXT_CURSOR)).isEmpty();
                next = null;
            } else {
                Matcher m = NEXT.matcher(link);
                assertThat(m.find()).as(link).isTrue();
                assertThat(m.group(1)).contains("cursor=" + r.headers().firstValue(Pages.NEXT_CURSOR).orElseThrow());
                next = m.group(1);
            }
            assertThat(pages).as("no endless paging").hasSizeLessThan(20);
        }
        return pages;
    }

    /** The {@code id} of each row of each page. */
    public static List<List<String>> ids(Http http, String first) {
        return pages(http, first).stream().map(PageWalk::ids).toList();
    }

    public static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.forEach(n -> ids.add(n.path("id").asText()));
        return ids;
    }
}
