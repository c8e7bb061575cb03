package com.referralloop.chat.slack;

import com.google.gson.Gson;
import com.slack.api.Slack;
import com.slack.api.util.json.GsonFactory;
import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts answers to a Slack {@code response_url}, as Bolt's {@code Responder} does (same HTTP client, same
 * snake_case JSON), with one Gson for all of them: Bolt builds a new Gson per answer, and with it reflective
 * adapters for the whole Block Kit model, about a millisecond of CPU each time (JFR, mixed load bench).
 */
final class SlackResponseUrl {

    private static final Logger log = LoggerFactory.getLogger(SlackResponseUrl.class);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final OkHttpClient http;
    private final Gson gson;

    SlackResponseUrl(Slack slack) {
        this.http = slack.getHttpClient().getOkHttpClient();
        this.gson = GsonFactory.createSnakeCase(slack.getConfig());
    }

    /** Sends one answer; the URL is not logged (it authorises posting to the conversation). */
    void post(String responseUrl, Object answer) throws IOException {
        Request request = new Request.Builder().url(responseUrl).post(RequestBody.create(gson.toJson(answer), JSON)).build();
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                log.warn("Answer through response_url refused: HTTP {}", response.code());
            }
        }
    }
}
