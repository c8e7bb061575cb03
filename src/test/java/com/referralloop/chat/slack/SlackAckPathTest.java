package com.referralloop.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The fast acknowledgement path: answers from the grammar alone are given on the request thread without asking Slack anything. */
class SlackAckPathTest extends SlackTestBase {

    @Test
    void helpAndMistakesAreAnsweredInTheAckWithoutUsersInfoAndIdenticallyWhenCached() {
        // GIVEN a user nobody has looked up yet
        String user = freshUserId();

        // WHEN they ask for help twice, a sub-command's usage, and misspell a sub-command
        HttpResponse<String> first = command("/followup", "help", user);
        HttpResponse<String> second = command("/followup", "help", user);
        HttpResponse<String> usage = command("/followup", "close help", user);
        HttpResponse<String> typo = command("/followup", "clsoe F123", user);

        // THEN each answer rides in the acknowledgement, as JSON, the repeated one byte for byte the same
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        assertThat(shown(first.body())).contains("/followup* sub-commands").contains("/followup close");
        assertThat(JSON.readTree(first.body()).path("response_type").asString()).isEqualTo("ephemeral");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("Content-Type")).isEqualTo(first.headers().firstValue("Content-Type"));
        assertThat(shown(usage.body())).contains("Usage: /followup close");
        assertThat(shown(typo.body())).contains("has no sub-command 'clsoe'");
        // AND Slack was not asked who the user is: none of these needs their email
        assertThat(slack.calls("users.info")).isEmpty();

        // WHEN a command that works on follow-ups runs THEN the user is looked up (it needs their email)
        HttpResponse<String> list = command("/followup", "list mine", user);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(slack.calls("users.info")).extracting(c -> c.param("user")).containsExactly(user);
    }
}
