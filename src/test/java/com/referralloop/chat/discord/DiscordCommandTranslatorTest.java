package com.referralloop.chat.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.command.CommandArgs;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Discord options map back to the text grammar, and the command layer's tokenizer reads them back unchanged. */
class DiscordCommandTranslatorTest {

    @Test
    void positionalsComeFirstThenKeyedOptionsQuotedWhenNeeded() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("level", "active");
        o.put("member", "<@123>");
        o.put("evidence", "call on 3 May");
        String text = DiscordCommandTranslator.toText("referral", null, "consent", o);
        assertThat(text).isEqualTo("consent <@123> level=active evidence=\"call on 3 May\"");
        CommandArgs args = CommandArgs.parse(text);
        assertThat(args.positional()).containsExactly("consent", "<@123>");
        assertThat(args.option("evidence")).isEqualTo("call on 3 May");
    }

    @Test
    void groupAndQuotesSurviveTheRoundTrip() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("account", "Acme Corp");
        o.put("title", "She said \"wow\"");
        o.put("strengths", "speed,support");
        String text = DiscordCommandTranslator.toText("reference", "project", "add", o);
        CommandArgs args = CommandArgs.parse(text);
        assertThat(args.positional()).containsExactly("project", "add", "Acme Corp", "She said \"wow\"");
        assertThat(args.option("strengths")).isEqualTo("speed,support");
    }

    @Test
    void followUpCloseUsesTheGrammarForm() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("outcome", "resolved");
        o.put("id", "FABC2345");
        o.put("note", "it's fixed");
        assertThat(DiscordCommandTranslator.toText("followup", null, "close", o))
                .isEqualTo("close FABC2345 outcome=resolved note=\"it's fixed\"");
    }

    @Test
    void testimonialAddPutsTheContactBeforeTheQuoteAsTheGrammarSays() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("quote", "They saved us a week");
        o.put("member", "<@42>");
        assertThat(DiscordCommandTranslator.toText("testimonial", null, "add", o))
                .isEqualTo("add <@42> \"They saved us a week\"");
    }
}
