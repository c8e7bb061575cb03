package com.referralloop.referral;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.chat.ChatUser;
import com.referralloop.command.ChatCommand;
import com.referralloop.command.ChatReply;
import com.referralloop.command.CommandHandler;
import com.referralloop.command.CommandRouter;
import com.referralloop.support.Http;
import com.referralloop.support.IntegrationTest;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Random text (generated with jqwik arbitraries) after every real sub-command, through the real
 * router and store: each gets a reply with text, and none reaches the "went wrong on our side" path.
 */
@IntegrationTest
class CommandRobustnessTest {

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    CommandRouter router;

    @BeforeEach
    void setUp() {
        ProgramFixture.clean(mongo);
        ProgramFixture.seed(new Http(port));
    }

    @Test
    void everySubCommandAnswersAnyTextWithoutFailingOnOurSide() {
        Arbitrary<String> word = Arbitraries.oneOf(
                Arbitraries.of("alice@acme.com", "bob@acme.com", "<@U0ALICE>", "<@123>", "A-1", "Acme", "A", "D", "2",
                        "level=active", "level=sales", "scope=quote,call", "scope=x", "expires=2099-01-01", "expires=tomorrow",
                        "for=Hooli", "override=\"x y\"", "referred=Zed", "parent=L2345678", "status=won", "value=1k",
                        "strengths=roi", "valid-until=2001-01-01", "evidence=mail", "reason=\"r\"", "risk=economic",
                        "class=friend", "\"a quote\"", "won", "T2345678", "R2345678", "\"", "=", "help"),
                Arbitraries.strings().ofMaxLength(10));
        Arbitrary<String> text = word.list().ofMaxSize(6).map(l -> String.join(" ", l));
        List<ChatUser> users = List.of(ProgramFixture.OWNER, ProgramFixture.OTHER_REP, ProgramFixture.ADMIN, ProgramFixture.STRANGER);
        List<CommandHandler> mine = router.handlers().stream()
                .filter(h -> List.of("referral", "testimonial", "reference").contains(h.command())).toList();
        assertThat(mine).extracting(h -> h.command() + " " + h.subcommand()).contains("referral consent", "referral ask",
                "testimonial publish", "reference find", "reference project add");

        List<String> samples = text.sampleStream().limit(40).toList();
        int i = 0;
        for (CommandHandler h : mine) {
            for (String s : samples) {
                ChatUser user = users.get(i++ % users.size());
                ChatReply reply = router.handle(new ChatCommand(h.command(), h.subcommand() + " " + s, user));
                assertThat(reply.text()).as(h.subcommand() + " " + s).isNotBlank()
                        .doesNotContain("Something went wrong on our side");
            }
        }
    }
}
