package com.referralloop.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.chat.ChatUser;
import com.referralloop.chat.Platform;
import com.referralloop.referral.ConsentLevel;
import com.referralloop.referral.RatingGrade;
import com.referralloop.referral.ReferralService;
import com.referralloop.referral.RiskFlag;
import com.referralloop.support.InvalidInputException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Any text typed after a command gives a reply — parsed, or a clear error — and never an exception. */
class CommandParsingPropertiesTest {

    private static final ChatUser USER = new ChatUser(Platform.WEB, "u", "U", "u@x.com");

    /** Handlers that use the whole CommandArgs API the way the real ones do. */
    private final CommandRouter router = new CommandRouter(List.of(
            new SimpleHandler("referral", "consent", "/referral consent <contact> level=<...>", "consent", (args, user) -> {
                args.allowOnly("level", "scope", "expires", "evidence");
                args.atMost(1);
                ConsentLevel level = ConsentLevel.parse(args.option("level"));
                if (args.positional(0) == null) {
                    throw new CommandException("missing the contact");
                }
                return ChatReply.ephemeral("ok " + level.word());
            }),
            new SimpleHandler("referral", "rate", "/referral rate <account> <grade>", "rate", (args, user) -> {
                args.allowOnly("reason", "risk", "value");
                RatingGrade g = RatingGrade.parse(args.positional(1));
                RiskFlag.parseList(args.option("risk"));
                ReferralService.parseValue(args.option("value"));
                return ChatReply.ephemeral("ok " + g.code());
            }),
            new SimpleHandler("reference", "project add", "/reference project add <account> \"<title>\"", "add",
                    (args, user) -> ChatReply.ephemeral("ok " + args.positional())),
            new SimpleHandler("testimonial", "boom", "/testimonial boom", "fails on our side", (args, user) -> {
                throw new IllegalStateException("bug");
            })), new SimpleMeterRegistry());

    @Provide
    Arbitrary<String> commandText() {
        Arbitrary<String> words = Arbitraries.of("consent", "rate", "project", "add", "boom", "help", "level=active",
                "level=", "=x", "scope=logo,quote", "risk=political", "risk=weather", "value=12k", "value=-1", "\"", "'",
                "\u201C", "\u201D", "alice@acme.com", "<@U123>", "A", "D", "1", "x=y=z", "level=\"a b\"", "  ", "\u00A0", "\t");
        Arbitrary<String> noise = Arbitraries.strings().ofMaxLength(12);
        return Arbitraries.oneOf(words, noise).list().ofMaxSize(8).map(l -> String.join(" ", l));
    }

    @Property(tries = 400)
    void everyInputGetsAReplyWithText(@ForAll("commandText") String text,
                                      @ForAll("commands") String command) {
        ChatReply reply = router.handle(new ChatCommand(command, text, USER));
        assertThat(reply).isNotNull();
        assertThat(reply.text()).isNotBlank();
        assertThat(reply.ephemeral() || !reply.error()).isTrue();
    }

    @Property(tries = 300)
    void arbitraryUnicodeNeverThrows(@ForAll @StringLength(max = 200) String text, @ForAll("commands") String command) {
        ChatReply reply = router.handle(new ChatCommand(command, text, USER));
        assertThat(reply.text()).isNotBlank();
    }

    @Provide
    Arbitrary<String> commands() {
        return Arbitraries.of("referral", "/referral", "testimonial", "reference", "REFERRAL", "nope", "", " ");
    }

    @Property(tries = 300)
    void argsParseOrFailWithCommandExceptionOnly(@ForAll("commandText") String text) {
        try {
            CommandArgs args = CommandArgs.parse(text);
            assertThat(args.options().keySet()).allMatch(k -> k.matches("[a-z][a-z0-9_-]*"));
        } catch (CommandException e) {
            assertThat(e.getMessage()).matches("(a quote .* is not closed|option .*= is given twice)");
        }
    }

    @Property(tries = 200)
    void plainWordsComeBackAsPositionalsInOrder(@ForAll @Size(max = 6) List<@AlphaChars @StringLength(min = 1, max = 8) String> words) {
        CommandArgs args = CommandArgs.parse(String.join("  ", words));
        assertThat(args.positional()).containsExactlyElementsOf(words);
        assertThat(args.options()).isEmpty();
    }

    @Property(tries = 200)
    void quotedValuesKeepTheirSpaces(@ForAll @AlphaChars @StringLength(min = 1, max = 8) String a,
                                     @ForAll @AlphaChars @StringLength(min = 1, max = 8) String b) {
        CommandArgs args = CommandArgs.parse("add x \u201C" + a + " " + b + "\u201D note=\"" + b + " " + a + "\"");
        assertThat(args.positional()).containsExactly("add", "x", a + " " + b);
        assertThat(args.option("note")).isEqualTo(b + " " + a);
    }

    @Property(tries = 200)
    void valueParsersAnswerOrRefuseClearly(@ForAll @StringLength(max = 30) String s) {
        for (Runnable parse : List.<Runnable>of(() -> ConsentLevel.parse(s), () -> RatingGrade.parse(s),
                () -> RiskFlag.parseList(s), () -> ReferralService.parseValue(s))) {
            try {
                parse.run();
            } catch (InvalidInputException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
        }
    }
}
