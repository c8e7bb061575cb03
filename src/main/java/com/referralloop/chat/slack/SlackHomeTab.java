package com.referralloop.chat.slack;

import com.referralloop.account.Account;
import com.referralloop.account.AccountService;
import com.referralloop.account.Contact;
import com.referralloop.chat.ChatUser;
import com.referralloop.command.Identities;
import com.referralloop.feedback.FeedbackService;
import com.referralloop.followup.FollowUp;
import com.referralloop.followup.OwnerFollowUps;
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
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The App Home tab: the user's open and overdue follow-ups, their accounts' consent and rating,
 * and the last 30 days' NPS and promoter-to-consent conversion. At most 100 blocks. Every figure is a count or
 * a limited, projected read on an index: opening the tab costs the same with a year of history as with none.
 */
final class SlackHomeTab {

    static final Duration PERIOD = Duration.ofDays(30);
    private static final int MAX_FOLLOWUPS = 20;
    private static final int MAX_ACCOUNTS = 15;
    private static final int MAX_CONTACTS = 5;

    private final OwnerFollowUps ownerFollowUps;
    private final FeedbackService feedback;
    private final AccountService accounts;
    private final Identities identities;
    private final ObjectProvider<ReferenceSummary> summary;
    private final Clock clock;
    private final RequestDigest requests;

    SlackHomeTab(OwnerFollowUps ownerFollowUps, FeedbackService feedback, AccountService accounts, Identities identities,
                 ObjectProvider<ReferenceSummary> summary, Clock clock, RequestDigest requests) {
        this.requests = requests;
        this.ownerFollowUps = ownerFollowUps;
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
            OwnerFollowUps.Open mine = ownerFollowUps.openOf(email.get(), MAX_FOLLOWUPS, now);
            blocks.add(SlackBlocks.section(mine.open() + " open, " + mine.overdue() + " overdue."
                    + (mine.open() > MAX_FOLLOWUPS ? " The newest " + MAX_FOLLOWUPS + ":" : "")));
            for (FollowUp f : mine.newest()) {
                blocks.add(SlackBlocks.section(line(f, now)));
            }
        }

        List<String> requestLines = requests.lines(user, email);
        if (!requestLines.isEmpty()) {
            blocks.add(DividerBlock.builder().build());
            blocks.add(SlackBlocks.section("*Reference requests*\n" + SlackBlocks.escape(String.join("\n", requestLines))));
        }

        // one more than shown, to say that there are more
        List<Account> owned = email.map(e -> accounts.ownedBy(e, MAX_ACCOUNTS + 1)).orElse(List.of());
        if (!owned.isEmpty()) {
            blocks.add(DividerBlock.builder().build());
            blocks.add(SlackBlocks.section("*Your accounts: consent and rating*"));
            ReferenceSummary s = summary.getIfAvailable();
            List<Account> shown = owned.subList(0, Math.min(owned.size(), MAX_ACCOUNTS));
            Map<String, AccountService.ContactPage> contacts = new java.util.LinkedHashMap<>();
            shown.forEach(a -> contacts.put(a.id(), accounts.contactsOf(a.id(), MAX_CONTACTS)));
            // one query for every shown account's rating, one for every shown contact's consent
            Map<String, String> ratings = s == null ? Map.of() : s.ratingsOf(contacts.keySet());
            Map<String, String> consents = s == null ? Map.of() : s.consentsOf(contacts.values().stream()
                    .flatMap(p -> p.contacts().stream()).map(Contact::id).toList());
            for (Account a : shown) {
                blocks.add(SlackBlocks.section(accountLine(a, s == null, ratings, contacts.get(a.id()), consents)));
            }
            if (owned.size() > MAX_ACCOUNTS) {
                blocks.add(SlackBlocks.section("…and more accounts: `/referral status <account>` shows any of them."));
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

    private static String accountLine(Account a, boolean untracked, Map<String, String> ratings,
                                      AccountService.ContactPage page, Map<String, String> consents) {
        StringBuilder b = new StringBuilder("*").append(SlackBlocks.escape(a.name())).append("*");
        if (untracked) {
            return b.append(" — consent and rating are not tracked in this version").toString();
        }
        b.append(" — rating: ").append(SlackBlocks.escape(String.valueOf(ratings.get(a.id()))));
        for (Contact c : page.contacts()) {
            b.append("\n• ").append(SlackBlocks.escape(c.name() != null ? c.name() : c.email()))
                    .append(": consent ").append(SlackBlocks.escape(String.valueOf(consents.get(c.id()))));
        }
        if (page.total() > page.contacts().size()) {
            b.append("\n• and ").append(page.total() - page.contacts().size()).append(" more contacts");
        }
        return SlackBlocks.cut(b.toString(), SlackBlocks.MAX_SECTION);
    }

    /** Counted in MongoDB: the answers themselves (with their raw payloads) are not read. */
    private String npsLine(Instant now) {
        FeedbackService.NpsCounts n = feedback.npsCountsReceivedBetween(now.minus(PERIOD), now);
        if (n.total() == 0) {
            return "NPS: no answers yet";
        }
        return "NPS: *" + nps(n.promoters(), n.detractors(), n.total()) + "* from " + n.total() + " answers ("
                + n.promoters() + " promoters, " + n.detractors() + " detractors)";
    }

    static long nps(long promoters, long detractors, long total) {
        return total == 0 ? 0 : Math.round(100.0 * (promoters - detractors) / total);
    }

    private String conversionLine(Instant now) {
        OwnerFollowUps.Conversion c = ownerFollowUps.promoterConversion(now.minus(PERIOD));
        if (c.promoters() == 0) {
            return "Promoter → consent: no promoter follow-ups yet";
        }
        return "Promoter → consent: *" + Math.round(100.0 * c.consented() / c.promoters()) + "%* ("
                + c.consented() + " of " + c.promoters() + " promoter follow-ups)";
    }
}
