package com.referralloop.chat.slack;

import com.referralloop.command.ChatReply;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.response.Response;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The serialised acknowledgement of text-only command answers (help, usage, mistakes), kept once built: the
 * same help text is asked for again and again, and building its Block Kit and JSON each time was pure overhead.
 * Bounded, because mistakes can echo what the user typed.
 */
final class SlackAnswerCache {

    static final int MAX_ENTRIES = 256;

    private record Key(boolean ephemeral, String text) { }

    private final Map<Key, String> bodies = new ConcurrentHashMap<>();

    Response ack(ChatReply reply, SlashCommandContext ctx) {
        if (reply.message() != null || reply.text() == null) {
            return ctx.ack(SlackHandlers.commandResponse(reply));
        }
        Key key = new Key(reply.ephemeral(), reply.text());
        String body = bodies.get(key);
        if (body == null) {
            Response built = ctx.ack(SlackHandlers.commandResponse(reply));
            if (bodies.size() < MAX_ENTRIES) {
                bodies.put(key, built.getBody());
            }
            return built;
        }
        return Response.builder().statusCode(200).contentType(Response.CONTENT_TYPE_APPLICATION_JSON_UTF8).body(body).build();
    }
}
