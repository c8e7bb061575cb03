package com.referralloop.reply;

import com.referralloop.feedback.StandardWebhookSignature;
import com.referralloop.feedback.WebhookRejectedException;
import com.referralloop.feedback.WebhookRequest;
import com.referralloop.sla.SlaProperties;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code POST /webhooks/email-reply}: an inbound-parse webhook (fields from, to, subject, text) signed the
 * Standard Webhooks way with {@code EMAIL_REPLY_WEBHOOK_SECRET}. A plain servlet, so no form or multipart
 * parsing touches the body before the signature is checked on its exact bytes.
 */
class EmailReplyServlet extends HttpServlet {

    static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final transient FollowUpReplies replies;
    private final transient SlaProperties props;
    private final transient Clock clock;
    private final transient ObjectMapper json = new ObjectMapper();

    EmailReplyServlet(FollowUpReplies replies, SlaProperties props, Clock clock) {
        this.replies = replies;
        this.props = props;
        this.clock = clock;
    }

    @Override
    protected void doPost(HttpServletRequest http, HttpServletResponse response) throws IOException {
        byte[] body = http.getInputStream().readAllBytes();
        Map<String, String> headers = new HashMap<>();
        for (String name : Collections.list(http.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), http.getHeader(name));
        }
        try {
            StandardWebhookSignature.verify(new WebhookRequest(headers, body, http.getContentType()),
                    props.emailReplySecret(), TOLERANCE, clock);
        } catch (WebhookRejectedException e) {
            answer(response, e.status().value(), Map.of("error", e.getMessage()));
            return;
        }
        Map<String, String> form;
        try {
            form = InboundForm.parse(http.getContentType(), body);
        } catch (IllegalArgumentException e) {
            answer(response, 400, Map.of("error", e.getMessage()));
            return;
        }
        if (form == null) {
            answer(response, 415, Map.of("error", "send multipart/form-data or application/x-www-form-urlencoded"));
            return;
        }
        String from = form.get("from");
        String text = form.get("text");
        if (from == null || from.isBlank() || text == null) {
            answer(response, 400, Map.of("error", "fields from and text are required (also to and subject)"));
            return;
        }
        ReplyOutcome outcome = replies.fromEmail(from, form.get("to"), form.get("subject"), text);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", outcome.status().name().toLowerCase(Locale.ROOT));
        if (outcome.followUpId() != null) {
            out.put("followUpId", outcome.followUpId());
        }
        if (outcome.unmatchedId() != null) {
            out.put("unmatchedId", outcome.unmatchedId());
            out.put("reason", outcome.reason());
        }
        answer(response, 202, out);
    }

    private void answer(HttpServletResponse response, int status, Map<String, ?> body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json.writeValueAsString(body));
    }
}
