package com.referralloop.crm.salesforce;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stub's {@code POST /composite}: subrequests run in order, each {@code @{referenceId.path}} in a URL or a
 * body string is replaced by that path of an earlier result's body, and a reference with no value fails its
 * subrequest with 400 PROCESSING_HALTED (allOrNone false: the others stand). The answer is
 * {@code {"compositeResponse": [{"body", "httpHeaders", "httpStatusCode", "referenceId"}]}}.
 */
final class StubComposite {

    /** One subrequest dispatched inside the stub: method, path after the version, raw query, body. */
    interface Dispatch {
        SalesforceStub.Resp run(String method, String path, String rawQuery, JsonNode body);
    }

    private static final Pattern REFERENCE = Pattern.compile("@\\{(\\w+)\\.([^}]+)}");

    private StubComposite() {
    }

    static SalesforceStub.Resp run(JsonNode request, Dispatch dispatch) {
        if (request.path("compositeRequest").size() > 25) {
            return SalesforceStub.error(400, "INVALID_COMPOSITE", "at most 25 subrequests");
        }
        Map<String, JsonNode> results = new HashMap<>();
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode sub : request.path("compositeRequest")) {
            String ref = sub.path("referenceId").asString();
            SalesforceStub.Resp resp;
            try {
                String url = resolve(sub.path("url").asString(), results);
                JsonNode body = sub.has("body") ? resolveBody(sub.path("body").deepCopy(), results) : null;
                int q = url.indexOf('?');
                String path = q < 0 ? url : url.substring(0, q);
                String prefix = "/services/data/" + SalesforceStub.VERSION;
                resp = path.startsWith(prefix) ? dispatch.run(sub.path("method").asString(), path.substring(prefix.length()),
                        q < 0 ? null : url.substring(q + 1), body)
                        : SalesforceStub.error(404, "NOT_FOUND", "The requested resource does not exist");
            } catch (Unresolved e) {
                resp = SalesforceStub.error(400, "PROCESSING_HALTED", "Invalid reference specified. No value for "
                        + e.getMessage() + " found in " + e.getMessage().split("\\.")[0]);
            }
            JsonNode body = resp.body() == null ? null : SalesforceStub.JSON.valueToTree(resp.body());
            if (resp.code() < 300 && body != null) {
                results.put(ref, body);
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("body", body);
            r.put("httpHeaders", Map.of());
            r.put("httpStatusCode", resp.code());
            r.put("referenceId", ref);
            out.add(r);
        }
        return SalesforceStub.json(200, Map.of("compositeResponse", out));
    }

    private static final class Unresolved extends RuntimeException {
        Unresolved(String reference) {
            super(reference);
        }
    }

    private static String resolve(String text, Map<String, JsonNode> results) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            JsonNode v = results.get(m.group(1));
            for (String step : m.group(2).split("\\.")) {
                if (v == null) {
                    break;
                }
                int bracket = step.indexOf('[');
                v = bracket < 0 ? v.get(step)
                        : v.path(step.substring(0, bracket)).get(Integer.parseInt(step.substring(bracket + 1, step.length() - 1)));
            }
            if (v == null || v.isNull()) {
                throw new Unresolved(m.group(1) + "." + m.group(2));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v.asString()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static JsonNode resolveBody(JsonNode body, Map<String, JsonNode> results) {
        if (body instanceof ObjectNode o) {
            for (String name : new ArrayList<>(o.propertyNames())) {
                JsonNode v = o.get(name);
                if (v.isString()) {
                    o.put(name, resolve(v.asString(), results));
                }
            }
        }
        return body;
    }
}
