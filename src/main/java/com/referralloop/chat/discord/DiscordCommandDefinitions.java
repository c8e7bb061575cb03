package com.referralloop.chat.discord;

import com.referralloop.followup.FollowUpOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandGroupData;
import net.dv8tion.jda.api.utils.data.DataArray;

/**
 * The Discord slash-command tree, defined once: it is registered with Discord, written to
 * {@code manifests/discord-commands.json}, and read back by {@link DiscordCommandTranslator} to turn
 * typed options into the one text grammar of DESIGN.md.
 */
final class DiscordCommandDefinitions {

    static final Path MANIFEST = Path.of("manifests", "discord-commands.json");

    /** One option. {@code key} null means a positional word; otherwise it becomes {@code key=value}. */
    record Opt(String name, OptionType type, boolean required, String description, List<String> choices, String key) {

        static Opt word(String name, boolean required, String description) {
            return new Opt(name, OptionType.STRING, required, description, List.of(), null);
        }

        static Opt member(String description) {
            return new Opt("member", OptionType.USER, false, description, List.of(), null);
        }

        static Opt keyed(String key, boolean required, String description) {
            return new Opt(key, OptionType.STRING, required, description, List.of(), key);
        }

        static Opt choice(String key, boolean required, String description, String... choices) {
            return new Opt(key, OptionType.STRING, required, description, List.of(choices), key);
        }

        static Opt wordChoice(String name, boolean required, String description, String... choices) {
            return new Opt(name, OptionType.STRING, required, description, List.of(choices), null);
        }
    }

    /** A sub-command, optionally inside a group ("reference project add"). Options in grammar order. */
    record Sub(String group, String name, String description, List<Opt> options) {

        static Sub of(String name, String description, Opt... options) {
            return new Sub(null, name, description, List.of(options));
        }

        String path() {
            return group == null ? name : group + " " + name;
        }
    }

    record Cmd(String name, String description, List<Sub> subs) {
    }

    private static final String CONTACT = "the contact: email or chat mention (or pick a member)";
    private static final String MEMBER = "the contact as a Discord member";

    static final List<Cmd> COMMANDS = List.of(
            new Cmd("referral", "Consent, reference ratings, reference requests and referrals", List.of(
                    Sub.of("consent", "Record what a contact agreed to",
                            Opt.member(MEMBER), Opt.word("contact", false, CONTACT),
                            Opt.choice("level", true, "how far they agreed to go", "passive", "active", "marketing", "sales"),
                            Opt.keyed("scope", false, "comma list: logo,quote,case-study,call,review-site"),
                            Opt.keyed("expires", false, "date the consent ends, e.g. 2027-06-30"),
                            Opt.keyed("evidence", false, "a link or text showing the consent")),
                    Sub.of("withdraw", "Withdraw a contact's consent",
                            Opt.member(MEMBER), Opt.word("contact", false, CONTACT),
                            Opt.keyed("reason", false, "why")),
                    Sub.of("rate", "Rate an account as a reference",
                            Opt.word("account", true, "account name or id"),
                            Opt.wordChoice("rating", true, "A/1 best ... D worst", "A", "1", "B", "2", "C", "D"),
                            Opt.keyed("reason", false, "why this rating"),
                            Opt.keyed("risk", false, "comma list: political,hygiene,relationship,repeat-purchase,economic"),
                            Opt.keyed("class", false, "value class, e.g. friend")),
                    Sub.of("ask", "Ask a contact to be a reference (refused past the fatigue limit)",
                            Opt.member(MEMBER), Opt.word("contact", false, CONTACT),
                            Opt.keyed("for", true, "the prospect or deal"),
                            Opt.keyed("note", false, "a note"),
                            Opt.keyed("override", false, "reason to go past the fatigue limit (audited)")),
                    Sub.of("outcome", "Record how a reference request ended",
                            Opt.word("request", true, "reference request id"),
                            Opt.word("result", true, "won, lost, declined or done"),
                            Opt.keyed("note", false, "a note")),
                    Sub.of("log", "Log a referral (a lead) from a contact",
                            Opt.member(MEMBER), Opt.word("contact", false, CONTACT),
                            Opt.keyed("referred", true, "name or email of the person referred"),
                            Opt.keyed("company", false, "their company"),
                            Opt.keyed("parent", false, "the referral this one came from"),
                            Opt.keyed("status", false, "referral status"),
                            Opt.keyed("value", false, "deal value, e.g. 12000")),
                    Sub.of("update", "Update a referral's status or value",
                            Opt.word("referral", true, "referral id"),
                            Opt.keyed("status", false, "referral status"),
                            Opt.keyed("value", false, "deal value, e.g. 12000")),
                    Sub.of("status", "Consent, rating and requests of an account or contact",
                            Opt.member(MEMBER), Opt.word("subject", false, "account CRM id or name, or contact email")),
                    Sub.of("stats", "Programme numbers",
                            Opt.keyed("period", false, "e.g. 30d")),
                    Sub.of("reviews", "Ratings due for their yearly review",
                            Opt.keyed("within", false, "e.g. 30d")))),
            new Cmd("testimonial", "Testimonial drafts, approvals and publication", List.of(
                    Sub.of("add", "Draft a testimonial from a contact's quote",
                            Opt.member(MEMBER), Opt.word("contact", false, CONTACT),
                            Opt.word("quote", true, "the quote"),
                            Opt.keyed("project", false, "reference project id"),
                            Opt.choice("draft", false, "keep it as a draft", "yes", "no")),
                    Sub.of("submit", "Send a draft for the customer's approval", Opt.word("id", true, "testimonial id")),
                    Sub.of("edit", "Change a testimonial's quote", Opt.word("id", true, "testimonial id"),
                            Opt.word("quote", true, "the new quote")),
                    Sub.of("approve", "Approve a testimonial", Opt.word("id", true, "testimonial id"),
                            Opt.keyed("evidence", true, "link or note showing the customer approved")),
                    Sub.of("reject", "Reject a testimonial", Opt.word("id", true, "testimonial id"),
                            Opt.keyed("reason", true, "why")),
                    Sub.of("list", "List testimonials",
                            Opt.keyed("status", false, "e.g. pending, approved, published"),
                            Opt.keyed("contact", false, "a contact's email")),
                    Sub.of("publish", "Mark an approved testimonial as published", Opt.word("id", true, "testimonial id")))),
            new Cmd("reference", "Reference projects and finding references", List.of(
                    new Sub("project", "add", "Add a reference project", List.of(
                            Opt.word("account", true, "account name or id"),
                            Opt.word("title", true, "project title"),
                            Opt.keyed("strengths", true, "comma list of strengths"),
                            Opt.keyed("industry", false, "industry"),
                            Opt.keyed("product", false, "product"),
                            Opt.keyed("valid-until", false, "date, e.g. 2027-06-30"))),
                    new Sub("project", "list", "List an account's reference projects", List.of(
                            Opt.word("account", true, "account name or id"))),
                    Sub.of("find", "Find references with live consent, under the fatigue limit",
                            Opt.keyed("strength", false, "a strength"),
                            Opt.keyed("industry", false, "industry"),
                            Opt.keyed("product", false, "product")),
                    Sub.of("request", "Ask a reference's owner to introduce you for your prospect",
                            Opt.word("id", true, "the id /reference find shows, e.g. P7KQ2MX.K4F2A9"),
                            Opt.keyed("for", true, "the prospect"),
                            Opt.keyed("deal", false, "CRM deal id or name"),
                            Opt.keyed("amount", false, "deal value, e.g. 24k"),
                            Opt.choice("need", false, "what you need", "call", "quote", "case-study", "site-visit", "review"),
                            Opt.keyed("by", false, "needed by, e.g. 2027-01-31"),
                            Opt.keyed("industry", false, "the prospect's industry (all the customer is told)"),
                            Opt.choice("share-prospect", false, "may the customer be told the prospect's name", "yes", "no"),
                            Opt.keyed("note", false, "a note for the owner"),
                            Opt.keyed("override", false, "why this cannot wait, past the ask limit")),
                    Sub.of("requests", "Your reference requests, or those waiting for your approval",
                            Opt.wordChoice("which", false, "mine (default) or to-approve", "mine", "to-approve"),
                            Opt.keyed("status", false, "narrows mine, e.g. requested, approved, won")),
                    Sub.of("approve", "Approve a request for your customer", Opt.word("id", true, "request id, e.g. Q7KQ2MX"),
                            Opt.keyed("override", false, "reason to pass the ask limit")),
                    Sub.of("decline", "Decline a request for your customer", Opt.word("id", true, "request id"),
                            Opt.keyed("reason", false, "shared with the requester")),
                    Sub.of("answer", "Record the customer's answer", Opt.word("id", true, "request id"),
                            Opt.wordChoice("answer", true, "yes or no", "yes", "no")),
                    Sub.of("outcome", "Record what happened after the introduction", Opt.word("id", true, "request id"),
                            Opt.wordChoice("outcome", true, "what happened", "call-held", "no-show", "won", "lost"),
                            Opt.word("amount", false, "for won: the deal value, e.g. 24k")),
                    Sub.of("history", "A contact's reference requests (owner and admins)", Opt.member("the contact")),
                    Sub.of("influence", "Reference-influenced revenue",
                            Opt.choice("by", false, "grouped by", "account", "contact", "project", "requester")))),
            new Cmd("followup", "Follow-ups of survey answers", List.of(
                    Sub.of("list", "Open follow-ups: yours, overdue or all",
                            Opt.wordChoice("which", false, "mine (default), overdue or all", "mine", "overdue", "all")),
                    Sub.of("close", "Close a follow-up with its outcome",
                            Opt.word("id", true, "follow-up id, e.g. FABC2345"),
                            Opt.choice("outcome", true, "how it ended", outcomes()),
                            Opt.keyed("note", false, "a note")),
                    Sub.of("ack", "Acknowledge a follow-up: you are on it", Opt.word("id", true, "follow-up id")),
                    Sub.of("snooze", "Put a follow-up aside",
                            Opt.word("id", true, "follow-up id"),
                            Opt.keyed("for", true, "how long: 3h, 1d, 1w")),
                    Sub.of("show", "Show a follow-up with its history", Opt.word("id", true, "follow-up id")))));

    private DiscordCommandDefinitions() {
    }

    private static String[] outcomes() {
        return Arrays.stream(FollowUpOutcome.values()).map(FollowUpOutcome::word).toArray(String[]::new);
    }

    static Optional<Sub> find(String command, String group, String sub) {
        return COMMANDS.stream().filter(c -> c.name().equals(command)).flatMap(c -> c.subs().stream())
                .filter(s -> s.name().equals(sub) && (group == null ? s.group() == null : group.equals(s.group())))
                .findFirst();
    }

    /** What is registered with Discord. Required options come first, as Discord demands. */
    static List<SlashCommandData> commandData() {
        List<SlashCommandData> out = new ArrayList<>();
        for (Cmd c : COMMANDS) {
            SlashCommandData data = Commands.slash(c.name(), c.description());
            List<SubcommandGroupData> groups = new ArrayList<>();
            for (Sub s : c.subs()) {
                SubcommandData sd = new SubcommandData(s.name(), s.description());
                s.options().stream().filter(Opt::required).forEach(o -> sd.addOptions(option(o)));
                s.options().stream().filter(o -> !o.required()).forEach(o -> sd.addOptions(option(o)));
                if (s.group() == null) {
                    data.addSubcommands(sd);
                } else {
                    SubcommandGroupData g = groups.stream().filter(x -> x.getName().equals(s.group())).findFirst()
                            .orElseGet(() -> {
                                SubcommandGroupData n = new SubcommandGroupData(s.group(), s.group() + " commands");
                                groups.add(n);
                                return n;
                            });
                    g.addSubcommands(sd);
                }
            }
            data.addSubcommandGroups(groups);
            out.add(data);
        }
        return out;
    }

    private static OptionData option(Opt o) {
        OptionData d = new OptionData(o.type(), o.name(), o.description(), o.required());
        o.choices().forEach(ch -> d.addChoice(ch, ch));
        return d;
    }

    /** The manifest text: exactly the JSON sent to Discord's bulk-overwrite endpoint. */
    static String manifestJson() {
        DataArray array = DataArray.empty();
        commandData().forEach(c -> array.add(((CommandData) c).toData()));
        return new String(array.toPrettyString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8) + "\n";
    }

    /** Regenerates {@code manifests/discord-commands.json}: {@code mvn exec:java} or run from the IDE. */
    public static void main(String[] args) throws IOException {
        Path target = args.length > 0 ? Path.of(args[0]) : MANIFEST;
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.writeString(target, manifestJson(), StandardCharsets.UTF_8);
        System.out.println("Wrote " + target);
    }
}
