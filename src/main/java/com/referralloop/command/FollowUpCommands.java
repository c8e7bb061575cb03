package com.referralloop.command;

import static com.referralloop.command.CommandArgs.required;

import com.referralloop.chat.ChatUser;
import com.referralloop.followup.FollowUp;
import com.referralloop.followup.FollowUpListing;
import com.referralloop.followup.FollowUpOutcome;
import com.referralloop.followup.FollowUpQuery;
import com.referralloop.followup.FollowUpService;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code /followup} sub-commands. */
@Configuration(proxyBeanMethods = false)
class FollowUpCommands {

    @Bean
    CommandHandler followUpList(FollowUpListing followUps, Identities identities, Clock clock, ObjectProvider<RepDirectory> reps) {
        return new SimpleHandler("followup", "list", "/followup list [mine|overdue|all]",
                "your open follow-ups (mine, the default), overdue ones, or all open ones", (args, user) -> {
            requireRep(reps, user);
            args.allowOnly();
            args.atMost(1);
            String which = args.positional(0) == null ? "mine" : args.positional(0).toLowerCase();
            FollowUpQuery q = switch (which) {
                case "mine" -> new FollowUpQuery(null, true, identities.ownerEmailOf(user).orElseThrow(() ->
                        new CommandException("you own no accounts here, so nothing is 'mine'; try /followup list all")),
                        false, null, LOOK_AHEAD);
                case "overdue" -> new FollowUpQuery(null, true, null, true, null, LOOK_AHEAD);
                case "all" -> new FollowUpQuery(null, true, null, false, null, LOOK_AHEAD);
                default -> throw new CommandException("say mine, overdue or all, not '" + which + "'");
            };
            List<FollowUp> list = followUps.list(q);
            if (list.isEmpty()) {
                return ChatReply.ephemeral("No open follow-ups (" + which + ").");
            }
            StringBuilder b = new StringBuilder("Open follow-ups (" + which + "):\n");
            for (FollowUp f : list.subList(0, Math.min(SHOWN, list.size()))) {
                b.append("• ").append(f.id()).append(" — ").append(f.kind().name().toLowerCase()).append(' ')
                        .append(f.score()).append("/10, ").append(f.accountName() == null ? "unassigned" : f.accountName())
                        .append(", ").append(f.state().name().toLowerCase())
                        .append(f.isOverdue(clock.instant()) ? " (overdue)" : "").append('\n');
            }
            if (list.size() > SHOWN) {
                b.append(moreLine(list.size() - SHOWN, which));
            }
            return ChatReply.ephemeral(b.toString().trim());
        });
    }

    /** A chat reply lists {@link ChatLists#SHOWN}; the rest is counted up to this look-ahead and the way to narrow named. */
    static final int SHOWN = ChatLists.SHOWN;
    static final int LOOK_AHEAD = 101;

    static String moreLine(int more, String which) {
        String count = more >= LOOK_AHEAD - SHOWN ? "more than " + (LOOK_AHEAD - SHOWN - 1) : Integer.toString(more);
        String narrow = which.equals("overdue") ? "close or snooze the oldest first"
                : "narrow with /followup list overdue" + (which.equals("all") ? " or /followup list mine" : "");
        return ChatLists.more(count, narrow + ", or page through GET /api/followups");
    }

    @Bean
    CommandHandler followUpClose(FollowUpService followUps, ObjectProvider<RepDirectory> reps) {
        return new SimpleHandler("followup", "close", "/followup close <id> outcome=<" + FollowUpOutcome.words() + "> [note=...]",
                "close a follow-up with its outcome", (args, user) -> {
            requireRep(reps, user);
            args.allowOnly("outcome", "note", "reason");
            args.atMost(1);
            String id = required(args.positional(0), "the follow-up id (e.g. FABC2345)");
            String word = required(args.option("outcome"), "outcome=");
            FollowUpOutcome outcome = FollowUpOutcome.parse(word).orElseThrow(() ->
                    new CommandException("outcome must be one of " + FollowUpOutcome.words() + ", not '" + word + "'"));
            String note = args.option("note") != null ? args.option("note") : args.option("reason");
            FollowUp f = followUps.close(id, outcome, note, user);
            return ChatReply.ephemeral("Closed follow-up " + f.id() + ": " + outcome.word() + ".");
        });
    }

    @Bean
    CommandHandler followUpAck(FollowUpService followUps, ObjectProvider<RepDirectory> reps) {
        return new SimpleHandler("followup", "ack", "/followup ack <id>", "acknowledge a follow-up: you are on it",
                (args, user) -> {
            requireRep(reps, user);
                    args.allowOnly();
                    args.atMost(1);
                    FollowUp f = followUps.acknowledge(required(args.positional(0), "the follow-up id"), user);
                    return ChatReply.ephemeral("Acknowledged follow-up " + f.id() + ". It is due " + f.dueAt() + ".");
                });
    }

    @Bean
    CommandHandler followUpSnooze(FollowUpService followUps, Clock clock, ObjectProvider<RepDirectory> reps) {
        return new SimpleHandler("followup", "snooze", "/followup snooze <id> for=<1d|1w|3h>",
                "put a follow-up aside until later", (args, user) -> {
            requireRep(reps, user);
            args.allowOnly("for");
            args.atMost(1);
            String id = required(args.positional(0), "the follow-up id");
            var duration = Durations.parse(required(args.option("for"), "for="));
            FollowUp f = followUps.snooze(id, clock.instant().plus(duration), user);
            return ChatReply.ephemeral("Snoozed follow-up " + f.id() + " until " + f.snoozedUntil() + ".");
        });
    }

    @Bean
    CommandHandler followUpShow(FollowUpService followUps, ObjectProvider<RepDirectory> reps) {
        return new SimpleHandler("followup", "show", "/followup show <id>", "show one follow-up with its history",
                (args, user) -> {
            requireRep(reps, user);
                    args.allowOnly();
                    args.atMost(1);
                    FollowUp f = followUps.get(required(args.positional(0), "the follow-up id"));
                    StringBuilder b = new StringBuilder(f.id() + " " + f.kind().name().toLowerCase() + " " + f.score()
                            + "/10 — " + f.state().name().toLowerCase() + "\n");
                    f.events().forEach(e -> b.append("• ").append(e.at()).append(' ').append(e.type().toLowerCase())
                            .append(e.to() != null && e.from() != e.to() ? " → " + e.to().name().toLowerCase() : "")
                            .append(" by ").append(e.by()).append(e.note() == null ? "" : " (" + e.note() + ")").append('\n'));
                    return ChatReply.ephemeral(b.toString().trim());
                });
    }

    /** Strangers (no account, not an admin) may not read or change follow-ups by command. */
    static void requireRep(ObjectProvider<RepDirectory> reps, ChatUser user) {
        RepDirectory directory = reps.getIfAvailable();
        if (directory != null && !directory.isRep(user)) {
            throw new AccessDeniedException("Only account owners and referral-program admins may use /followup. "
                    + "If you own accounts, ask an admin to import them with your email or chat id.");
        }
    }


}
