package com.referralloop.command;

import com.referralloop.chat.ChatUser;
import com.referralloop.support.InvalidInputException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The one entry point for slash commands from Slack, Discord and the web playground: finds the
 * handler, answers {@code help}, and turns every mistake into an ephemeral reply that names it and
 * shows the right form. It never throws.
 */
@Service
public class CommandRouter {

    private static final Logger log = LoggerFactory.getLogger(CommandRouter.class);
    public static final Set<String> COMMANDS = Set.of("referral", "testimonial", "reference", "followup");
    /** Sub-commands of the documented grammar; one without a handler yet says so instead of pretending. */
    static final Set<String> PLANNED = Set.of("followup list", "followup close");

    private final Map<String, CommandHandler> handlers = new LinkedHashMap<>();
    private final MeterRegistry metrics;

    CommandRouter(List<CommandHandler> handlers, MeterRegistry metrics) {
        this.metrics = metrics;
        handlers.forEach(h -> this.handlers.put(h.command() + " " + h.subcommand(), h));
    }

    public ChatReply handle(ChatCommand command) {
        Timer.Sample sample = Timer.start(metrics);
        String name = normalise(command.command());
        ChatReply reply = route(name, command.text() == null ? "" : command.text().trim(), command.user());
        sample.stop(metrics.timer("referral.command.latency", "command", COMMANDS.contains(name) ? name : "unknown"));
        return reply;
    }

    private ChatReply route(String name, String text, ChatUser user) {
        if (!COMMANDS.contains(name)) {
            return ChatReply.error("Unknown command /" + name + ". Try /referral help, /testimonial help, /reference help or /followup help.");
        }
        CommandArgs args;
        try {
            args = CommandArgs.parse(text);
        } catch (CommandException e) {
            return ChatReply.error("Could not read that: " + e.getMessage() + ".\n" + help(name));
        }
        if (args.positional().isEmpty() || isHelp(args.positional(0))) {
            return ChatReply.ephemeral(help(name));
        }
        CommandHandler handler = find(name, args);
        if (handler == null && PLANNED.contains(name + " " + args.positional(0).toLowerCase(Locale.ROOT))) {
            return ChatReply.error("/" + name + " " + args.positional(0) + " is not built yet in this version of Referral Loop; nothing was recorded.");
        }
        if (handler == null) {
            return ChatReply.error("/" + name + " has no sub-command '" + args.positional(0) + "'.\n" + help(name));
        }
        int words = handler.subcommand().split(" ").length;
        CommandArgs rest = CommandArgs.parse(text).dropFirst(words);
        if (!rest.positional().isEmpty() && isHelp(rest.positional(0))) {
            return ChatReply.ephemeral(handler.summary() + "\nUsage: " + handler.usage());
        }
        try {
            return handler.handle(rest, user);
        } catch (CommandException | InvalidInputException | IllegalArgumentException e) {
            return ChatReply.error(e.getMessage() + "\nUsage: " + handler.usage());
        } catch (AccessDeniedException e) {
            return ChatReply.error(e.getMessage());
        } catch (RuntimeException e) {
            if (e.getClass().getSimpleName().endsWith("Exception") && e.getClass().getPackageName().startsWith("com.referralloop")) {
                return ChatReply.error(e.getMessage());
            }
            log.error("Command /{} {} failed", name, handler.subcommand(), e);
            return ChatReply.error("Something went wrong on our side; nothing was changed. Try again in a moment.");
        }
    }

    /**
     * True when {@link #handle} answers this text from the grammar alone (help, usage, an unknown, planned or
     * misspelt sub-command, unreadable text) without running a handler: no store access and no I/O, so an
     * adapter may answer it on the request thread.
     */
    public boolean answersFromGrammar(String command, String text) {
        String name = normalise(command);
        if (!COMMANDS.contains(name)) {
            return true;
        }
        CommandArgs args;
        try {
            args = CommandArgs.parse(text == null ? "" : text.trim());
        } catch (CommandException e) {
            return true;
        }
        if (args.positional().isEmpty() || isHelp(args.positional(0))) {
            return true;
        }
        CommandHandler handler = find(name, args);
        if (handler == null) {
            return true;
        }
        CommandArgs rest = CommandArgs.parse(text.trim()).dropFirst(handler.subcommand().split(" ").length);
        return !rest.positional().isEmpty() && isHelp(rest.positional(0));
    }

    private CommandHandler find(String name, CommandArgs args) {
        if (args.positional().size() >= 2) {
            CommandHandler two = handlers.get(name + " " + args.positional(0).toLowerCase(Locale.ROOT) + " "
                    + args.positional(1).toLowerCase(Locale.ROOT));
            if (two != null) {
                return two;
            }
        }
        return handlers.get(name + " " + args.positional(0).toLowerCase(Locale.ROOT));
    }

    /** Every sub-command of a command with its usage. */
    public String help(String name) {
        StringBuilder b = new StringBuilder("*/" + name + "* sub-commands:\n");
        handlers.values().stream().filter(h -> h.command().equals(name))
                .forEach(h -> b.append("• `").append(h.usage()).append("` — ").append(h.summary()).append('\n'));
        b.append("Add `help` after any sub-command for its form.");
        return b.toString();
    }

    public List<CommandHandler> handlers() {
        return List.copyOf(handlers.values());
    }

    private static boolean isHelp(String word) {
        return "help".equalsIgnoreCase(word) || "-h".equals(word) || "--help".equals(word) || "?".equals(word);
    }

    private static String normalise(String command) {
        String c = command == null ? "" : command.trim().toLowerCase(Locale.ROOT);
        return c.startsWith("/") ? c.substring(1) : c;
    }
}
