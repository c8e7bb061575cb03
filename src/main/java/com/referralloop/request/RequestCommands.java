package com.referralloop.request;

import static com.referralloop.command.CommandArgs.required;

import com.referralloop.command.ChatLists;
import com.referralloop.command.ChatReply;
import com.referralloop.command.CommandException;
import com.referralloop.command.CommandHandler;
import com.referralloop.command.Identities;
import com.referralloop.command.SimpleHandler;
import com.referralloop.referral.Permissions;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code /reference request|requests|approve|decline|answer|outcome}: the request loop from chat. */
@Configuration(proxyBeanMethods = false)
class RequestCommands {

    static final String REQUEST_USAGE = "/reference request <id from /reference find> for=<prospect> [deal=<CRM deal>] "
            + "[amount=<deal value>] [need=" + RequestNeed.words() + "] [by=<yyyy-mm-dd>] [industry=<prospect's industry>] "
            + "[share-prospect=yes] [note=...] [override=\"<reason>\"]";
    private static final int LIST_LIMIT = 15;
    /** Request states as /reference requests status= takes them: lower case, underscores kept. */
    private static final String STATES = String.join("|", Arrays.stream(RequestState.values())
            .map(s -> s.name().toLowerCase(Locale.ROOT)).toList());

    @Bean
    CommandHandler referenceRequest(RequestService requests) {
        return new SimpleHandler("reference", "request", REQUEST_USAGE,
                "ask a reference's owner to introduce you to their customer for your prospect", (args, user) -> {
            args.allowOnly("for", "deal", "amount", "need", "by", "industry", "share-prospect", "note", "override");
            args.atMost(1);
            ReferenceRequest r = requests.request(user, new RequestDraft(required(args.positional(0),
                    "the reference: the id /reference find shows, e.g. P7KQ2MX.K4F2A9"), args.option("for"),
                    args.option("industry"), yes(args.option("share-prospect")), args.option("deal"), args.option("amount"),
                    args.option("need"), args.option("by"), args.option("note"), args.option("override"), null));
            return ChatReply.ephemeral("Requested " + r.id() + ": a " + r.need().word() + " with a reference at "
                    + r.accountName() + " for " + r.prospect() + ". The owner decides; you will hear here at each step. "
                    + "See it with /reference requests mine.");
        });
    }

    @Bean
    CommandHandler referenceRequests(RequestService requests, RequestStore store, Identities identities, Permissions permissions) {
        return new SimpleHandler("reference", "requests", "/reference requests [mine|to-approve] [status=<" + STATES + ">]",
                "your reference requests (status= narrows them), or the ones waiting for your approval", (args, user) -> {
            args.allowOnly("status");
            args.atMost(1);
            String which = args.positional(0) == null ? "mine" : args.positional(0).toLowerCase(Locale.ROOT);
            RequestState state = parseState(args.option("status"));
            List<ReferenceRequest> list;
            String title;
            LongSupplier total;
            String narrow;
            if (which.equals("mine")) {
                list = requests.mine(user, state, ChatLists.SHOWN + 1);
                title = "Your " + (state == null ? "" : state.word() + " ") + "reference requests, newest first";
                total = () -> requests.countMine(user, state);
                narrow = state == null ? "narrow with /reference requests mine status=<" + STATES + ">"
                        : "only the newest " + ChatLists.SHOWN + " are shown";
            } else if (which.equals("to-approve")) {
                if (state != null) {
                    throw new CommandException("status= narrows /reference requests mine; requests to approve are all "
                            + RequestState.REQUESTED.word() + ", so type /reference requests to-approve");
                }
                permissions.requireMember(user, "see reference requests");
                String email = identities.ownerEmailOf(user).map(e -> e.trim().toLowerCase(Locale.ROOT)).orElse(null);
                list = email == null ? List.of() : store.toApprove(email, ChatLists.SHOWN + 1);
                long waiting = email == null ? 0 : store.countToApprove(email);
                title = "Requests waiting for your approval" + (email == null ? "" : " (" + waiting + ")");
                total = () -> waiting;
                narrow = "answer these with /reference approve <id> or /reference decline <id>, and the older ones come up";
            } else {
                throw new CommandException("say mine or to-approve, not '" + which + "'");
            }
            if (list.isEmpty()) {
                return ChatReply.ephemeral(!which.equals("mine") ? "No request waits for your approval."
                        : state != null ? "You have no " + state.word() + " reference requests; see them all with "
                        + "/reference requests mine." : "You have no reference requests. Find a reference with "
                        + "/reference find, then /reference request <id> for=<prospect>.");
            }
            StringBuilder b = new StringBuilder(title).append(":\n");
            list.subList(0, Math.min(ChatLists.SHOWN, list.size())).forEach(r -> b.append("• ").append(line(r)).append('\n'));
            if (list.size() > ChatLists.SHOWN) {
                b.append(ChatLists.more(total.getAsLong() - ChatLists.SHOWN, narrow));
            }
            return ChatReply.ephemeral(b.toString().trim());
        });
    }

    private static RequestState parseState(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String key = raw.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        return Arrays.stream(RequestState.values()).filter(s -> s.name().equals(key)).findFirst()
                .orElseThrow(() -> new CommandException("status must be one of " + STATES + ", not '" + raw + "'"));
    }

    @Bean
    CommandHandler referenceApprove(RequestDecisions decisions) {
        return new SimpleHandler("reference", "approve", "/reference approve <request id> [override=\"<reason>\"]",
                "approve a request for your customer: the customer is asked on their preferred channel", (args, user) -> {
            args.allowOnly("override");
            args.atMost(1);
            RequestDecisions.Approved a = decisions.approve(user, required(args.positional(0), "the request id (e.g. Q7KQ2MX)"),
                    args.option("override"));
            return ChatReply.ephemeral(approvedText(a));
        });
    }

    @Bean
    CommandHandler referenceDecline(RequestDecisions decisions) {
        return new SimpleHandler("reference", "decline", "/reference decline <request id> [reason=\"<shared with the requester>\"]",
                "decline a request for your customer; the requester sees the reason and the next-best match", (args, user) -> {
            args.allowOnly("reason");
            args.atMost(1);
            ReferenceRequest r = decisions.decline(user, required(args.positional(0), "the request id (e.g. Q7KQ2MX)"),
                    args.option("reason"));
            return ChatReply.ephemeral("Declined " + r.id() + "; " + r.requesterName() + " has been told.");
        });
    }

    @Bean
    CommandHandler referenceAnswer(RequestDecisions decisions) {
        return new SimpleHandler("reference", "answer", "/reference answer <request id> yes|no",
                "record the customer's answer given by email, phone or in person", (args, user) -> {
            args.allowOnly();
            args.atMost(2);
            ReferenceRequest r = decisions.recordAnswer(user, required(args.positional(0), "the request id (e.g. Q7KQ2MX)"),
                    required(args.positional(1), "the answer, yes or no"));
            return ChatReply.ephemeral("Recorded: request " + r.id() + " is " + r.state().word() + ".");
        });
    }

    @Bean
    CommandHandler referenceOutcome(RequestOutcomes outcomes) {
        return new SimpleHandler("reference", "outcome", "/reference outcome <request id> " + RequestOutcomes.WORDS,
                "record what happened after an introduction: the deal's value counts as reference-influenced revenue",
                (args, user) -> {
            args.allowOnly();
            args.atMost(3);
            ReferenceRequest r = outcomes.record(user, required(args.positional(0), "the request id (e.g. Q7KQ2MX)"),
                    required(args.positional(1), "the outcome (" + RequestOutcomes.WORDS + ")"), args.positional(2));
            return ChatReply.ephemeral("Request " + r.id() + " (" + r.prospect() + "): " + r.state().word()
                    + (r.wonAmount() == null ? "" : ", " + Money.format(r.wonAmount()) + " influenced by the reference") + ".");
        });
    }

    @Bean
    CommandHandler referenceInfluence(InfluencedRevenue revenue, Permissions permissions) {
        return new SimpleHandler("reference", "influence", "/reference influence [by=account|contact|project|requester]",
                "reference-influenced revenue: deals won after an introduction, per account (or contact, project, requester)",
                (args, user) -> {
            args.allowOnly("by");
            args.atMost(0);
            permissions.requireRep(user, "see reference-influenced revenue");
            String by = args.option("by") == null ? "account" : args.option("by").trim().toLowerCase(Locale.ROOT);
            InfluencedRevenue.By grouping;
            try {
                grouping = InfluencedRevenue.By.valueOf(by.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandException("by= must be account, contact, project or requester, not '" + by + "'");
            }
            List<InfluencedRevenue.Row> rows = revenue.top(grouping, LIST_LIMIT);
            if (rows.isEmpty()) {
                return ChatReply.ephemeral("No deal has been won after a reference introduction yet. Requesters record "
                        + "it with /reference outcome <request id> won <amount>.");
            }
            StringBuilder b = new StringBuilder("Reference-influenced revenue by " + by + ":\n");
            rows.forEach(r -> b.append("• ").append(r.label()).append(": ").append(Money.format(r.amount())).append(" (")
                    .append(r.deals()).append(r.deals() == 1 ? " deal" : " deals").append(")\n"));
            return ChatReply.ephemeral(b.toString().trim());
        });
    }

    @Bean
    CommandHandler referenceHistory(RequestStore store, com.referralloop.referral.ContactResolver resolver,
                                    Permissions permissions) {
        return new SimpleHandler("reference", "history", "/reference history <contact>",
                "every reference request of a contact: for whom, when and how it ended (owner and admins)", (args, user) -> {
            args.allowOnly();
            args.atMost(1);
            var contact = resolver.contact(required(args.positional(0), "the contact (email or chat mention)"));
            permissions.requireOwnerOrAdmin(user, resolver.accountOf(contact), "see its contacts' reference history");
            List<ReferenceRequest> history = store.historyOf(contact.id(), LIST_LIMIT);
            if (history.isEmpty()) {
                return ChatReply.ephemeral(contact.email() + " has not been requested as a reference yet.");
            }
            StringBuilder b = new StringBuilder("Reference history of " + contact.email() + ", newest first:\n");
            history.forEach(r -> b.append("• ").append(line(r)).append(" — requested by ").append(r.requesterName())
                    .append(r.deal() == null ? "" : ", deal " + r.deal()).append('\n'));
            return ChatReply.ephemeral(b.toString().trim());
        });
    }

    static String approvedText(RequestDecisions.Approved a) {
        ReferenceRequest r = a.request();
        return "Approved " + r.id() + " and counted the ask. " + (a.askedVia() == null
                ? "The customer has no chat or email channel on file: ask them yourself, then /reference answer " + r.id() + " yes|no."
                : "The customer was asked via " + a.askedVia().platform().name().toLowerCase(Locale.ROOT)
                + (a.askedVia().platform().name().equals("LOG") ? " (no sender is configured here, so the log stands in)" : "")
                + "; the introduction follows their yes.");
    }

    static String line(ReferenceRequest r) {
        return r.id() + " · " + r.accountName() + " for " + r.prospect() + " · " + r.need().word() + " · " + r.state().word()
                + (r.wonAmount() == null ? "" : " " + Money.format(r.wonAmount())) + " · "
                + LocalDate.ofInstant(r.createdAt(), ZoneOffset.UTC);
    }

    static boolean yes(String s) {
        return s != null && (s.equalsIgnoreCase("yes") || s.equalsIgnoreCase("true"));
    }

}
