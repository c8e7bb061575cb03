package com.referralloop.chat.slack;

import com.referralloop.account.Account;
import com.referralloop.account.AccountService;
import com.referralloop.account.Contact;
import com.referralloop.chat.ChatUser;
import com.referralloop.command.Identities;
import com.referralloop.feedback.Feedback;
import com.referralloop.feedback.FeedbackService;
import com.referralloop.feedback.NpsCategory;
import com.referralloop.followup.FollowUp;
import com.referralloop.followup.FollowUpKind;
import com.referralloop.followup.FollowUpOutcome;
import com.referralloop.followup.FollowUpQuery;
import com.referralloop.followup.FollowUpService;
import com.referralloop.followup.FollowUpState;
import com.referralloop.followup.ReferenceSummary;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.DividerBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.referralloop.request.RequestDigest;
import com.slack.api.model.view.View;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The App Home tab: the user's open and overdue follow-ups, their accounts' consent and rating,
 * and the last 30 days' NPS and promoter-to-consent conversion. At most 100 blocks.
 */
final class SlackHomeTab {

    static final Duration PERIOD = Duration.ofDays(30);
    private static final int MAX_FOLLOWUPS = 20;
    private static final int MAX_ACCOUNTS = 15;
    private static final int MAX_CONTACTS = 5;

    private final FollowUpService followUps;
    private final FeedbackService feedback;
    private final AccountService accounts;
    private final Identities identities;
    private final ObjectProvider<ReferenceSummary> summary;
    private final Clock clock;
    private final RequestDigest requests;

    SlackHomeTab(FollowUpService followUps, FeedbackService feedback, AccountService accounts, Identities identities,
                 ObjectProvider<ReferenceSummary> summary, Clock clock, RequestDigest requests) {
        this.requests = requests;
        this.followUps = followUps;
        this.feedback = feedback;
        this.accounts = accounts;
        this.identities = identities;
        this.summary = summary;
        this.clock = clock;
    }

    View render(ChatUser user) {
        Instant now = clock.instant();
        Optional<String> email = identities.ownerEmailOf(user);
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(HeaderBlock.builder().text(SlackBlocks.plain("Referral Loop", SlackBlocks.MAX_HEADER)).build());

        blocks.add(SlackBlocks.section("*Your follow-ups*"));
        if (email.isEmpty()) {
            blocks.add(SlackBlocks.section("You own no accounts here yet, so no follow-ups are yours. "
                    + "`/followup list all` shows every open one."));
        } else {
            List<FollowUp> mine = followUps.list(new FollowUpQuery(null, true, email.get(), false, null, MAX_FOLLOWUPS));
            long overdue = mine.stream().filter(f -> f.isOverdue(now)).count();
            blocks.add(SlackBlocks.section(mine.size() + " open" + (mine.size() == MAX_FOLLOWUPS ? " (or more)" : "")
                    + ", " + overdue + " overdue."));
            for (FollowUp f : mine) {
                blocks.add(SlackBlocks.section(line(f, now)));
            }
        }

        List<String> requestLines = requests.lines(user, email);
        if (!requestLines.isEmpty()) {
            blocks.add(DividerBlock.builder().build());
            blocks.add(SlackBlocks.section("*Reference requests*\n" + SlackBlocks.escape(String.join("\n", requestLines))));
        }

        List<Account> owned = email.map(this::accountsOf).orElse(List.of());
        if (!owned.isEmpty()) {
            blocks.add(DividerBlock.builder().build());
            blocks.add(SlackBlocks.section("*Your accounts: consent and rating*"));
            ReferenceSummary s = summary.getIfAvailable();
            for (Account a : owned.subList(0, Math.min(owned.size(), MAX_ACCOUNTS))) {
                blocks.add(SlackBlocks.section(accountLine(a, s)));
            }
        }

        blocks.add(DividerBlock.builder().build());
        blocks.add(SlackBlocks.section("*Last 30 days*"));
        blocks.add(SlackBlocks.section(npsLine(now) + "\n" + conversionLine(now)));
        blocks.add(ContextBlock.builder().elements(List.of(MarkdownTextObject.builder()
                .text("Updated " + now.toString().substring(0, 16).replace('T', ' ') + " UTC · `/followup help` for commands").build())).build());
        if (blocks.size() > SlackBlocks.MAX_VIEW_BLOCKS) {
            blocks = new ArrayList<>(blocks.subList(0, SlackBlocks.MAX_VIEW_BLOCKS));
        }
        return View.builder().type("home").blocks(blocks).build();
    }

    private static String line(FollowUp f, Instant now) {
        StringBuilder b = new StringBuilder("• *").append(f.id()).append("* ")
                .append(f.kind().name().toLowerCase()).append(' ').append(f.score()).append("/10 — ")
                .append(SlackBlocks.escape(f.accountName() == null ? "unassigned" : f.accountName()))
                .append(" — ").append(f.state().name().toLowerCase());
        if (f.isOverdue(now)) {
            b.append(" — :warning: overdue");
        }
        if (f.comment() != null && !f.comment().isBlank()) {
            b.append("\n> ").append(SlackBlocks.cut(SlackBlocks.escape(f.comment().replace('\n', ' ')), 200));
        }
        return b.toString();
    }

    private List<Account> accountsOf(String ownerEmail) {
        return accounts.ownedBy(ownerEmail);
    }

    private String accountLine(Account a, ReferenceSummary s) {
        StringBuilder b = new StringBuilder("*").append(SlackBlocks.escape(a.name())).append("*");
        if (s == null) {
            return b.append(" — consent and rating are not tracked in this version").toString();
        }
        b.append(" — rating: ").append(SlackBlocks.escape(s.ratingOf(a.id())));
        List<Contact> contacts = accounts.contactsOf(a.id());
        for (Contact c : contacts.subList(0, Math.min(contacts.size(), MAX_CONTACTS))) {
            b.append("\n• ").append(SlackBlocks.escape(c.name() != null ? c.name() : c.email()))
                    .append(": consent ").append(SlackBlocks.escape(s.consentOf(c.id())));
        }
        if (contacts.size() > MAX_CONTACTS) {
            b.append("\n• and ").append(contacts.size() - MAX_CONTACTS).append(" more contacts");
        }
        return SlackBlocks.cut(b.toString(), SlackBlocks.MAX_SECTION);
    }

    private String npsLine(Instant now) {
        List<Feedback> answers = feedback.receivedBetween(now.minus(PERIOD), now).stream()
                .filter(f -> f.score() != null && f.category() != null).toList();
        if (answers.isEmpty()) {
            return "NPS: no answers yet";
        }
        long promoters = answers.stream().filter(f -> f.category() == NpsCategory.PROMOTER).count();
        long detractors = answers.stream().filter(f -> f.category() == NpsCategory.DETRACTOR).count();
        return "NPS: *" + nps(promoters, detractors, answers.size()) + "* from " + answers.size() + " answers ("
                + promoters + " promoters, " + detractors + " detractors)";
    }

    static long nps(long promoters, long detractors, long total) {
        return total == 0 ? 0 : Math.round(100.0 * (promoters - detractors) / total);
    }

    private String conversionLine(Instant now) {
        Instant since = now.minus(PERIOD);
        List<FollowUp> promoters = followUps.list(new FollowUpQuery(null, false, null, false, FollowUpKind.PROMOTER, 500))
                .stream().filter(f -> f.createdAt() != null && !f.createdAt().isBefore(since)).toList();
        if (promoters.isEmpty()) {
            return "Promoter → consent: no promoter follow-ups yet";
        }
        long consented = promoters.stream().filter(f -> f.state() == FollowUpState.CLOSED
                && f.outcome() == FollowUpOutcome.CONSENT_RECORDED).count();
        return "Promoter → consent: *" + Math.round(100.0 * consented / promoters.size()) + "%* ("
                + consented + " of " + promoters.size() + " promoter follow-ups)";
    }
}
