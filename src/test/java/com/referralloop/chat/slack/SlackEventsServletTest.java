package com.referralloop.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Which requests take the click path (everything else is Bolt's), and that a click reads as Bolt reads it. */
class SlackEventsServletTest {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String CLICK = """
            {"type":"block_actions","trigger_id":"t-1","response_url":"https://hooks.slack.test/r/1",
             "user":{"id":"U1","username":"rep"},"channel":{"id":"D1"},
             "actions":[{"action_id":"followup.ack","block_id":"tracked","value":"fu-1 & more"}]}""";

    @Test
    void aBlockActionsFormPostIsReadWithEveryFieldTheHandlerUses() {
        BlockActionPayload p = SlackEventsServlet.blockAction(FORM, form(CLICK));
        assertThat(p).isNotNull();
        assertThat(p.getTriggerId()).isEqualTo("t-1");
        assertThat(p.getResponseUrl()).isEqualTo("https://hooks.slack.test/r/1");
        assertThat(p.getUser().getId()).isEqualTo("U1");
        assertThat(p.getChannel().getId()).isEqualTo("D1");
        assertThat(p.getActions().get(0).getActionId()).isEqualTo("followup.ack");
        assertThat(p.getActions().get(0).getBlockId()).isEqualTo("tracked");
        assertThat(p.getActions().get(0).getValue()).isEqualTo("fu-1 & more");
    }

    @Test
    void everythingElseIsLeftToBolt() {
        assertThat(SlackEventsServlet.blockAction(FORM, form("{\"type\":\"view_submission\"}"))).isNull();
        assertThat(SlackEventsServlet.blockAction(FORM, "command=%2Ffollowup&text=help".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(SlackEventsServlet.blockAction("application/json", CLICK.getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(SlackEventsServlet.blockAction(null, form(CLICK))).isNull();
        assertThat(SlackEventsServlet.blockAction(FORM, form("{\"type\":\"block_actions\""))).isNull();
        assertThat(SlackEventsServlet.blockAction(FORM, form("[1,2]"))).isNull();
        assertThat(SlackEventsServlet.blockAction(FORM, "payload=%zz".getBytes(StandardCharsets.UTF_8))).isNull();
    }

    private static byte[] form(String json) {
        return ("payload=" + URLEncoder.encode(json, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }
}
