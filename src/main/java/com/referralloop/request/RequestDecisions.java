package com.referralloop.request;

import com.referralloop.account.Account;
import com.referralloop.account.AccountService;
import com.referralloop.account.Contact;
import com.referralloop.audit.AuditLog;
import com.referralloop.chat.ChatMessage;
import com.referralloop.chat.ChatTarget;
import com.referralloop.chat.ChatUser;
import com.referralloop.referral.AskService;
import com.referralloop.referral.Permissions;
import com.referralloop.referral.ReferenceAsk;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/**
 * The owner's side of a request: approve (the fatigue limit is checked and the ask counted at that moment,
 * then the customer is asked on their preferred channel), decline with a reason, or suggest another contact;
 * and the customer's answer, which brings the introduction or the news to the requester.
 */
@Service
public class RequestDecisions {

    /** Where the customer's question went, and whether it needed an override to pass the limit. */
    public record Approved(ReferenceRequest request, ChatTarget askedVia) { }

    private final RequestStore store;
    private final RequestTargets targets;
    private final RequestNotices notices;
    private final NextBestMatch nextBest;
    private final AccountService accounts;
    private final Permissions permissions;
    private final AskService asks;
    private final MongoTemplate mongo;
    private final RequestService requests;
    private final RequestProperties props;
    private final Clock clock;

    RequestDecisions(RequestStore store, RequestTargets targets, RequestNotices notices, NextBestMatch nextBest,
                     AccountService accounts, Permissions permissions, AskService asks, MongoTemplate mongo,
                     RequestService requests, RequestProperties props, Clock clock) {
        this.requests = requests;
        this.props = props;
        this.clock = clock;
        this.store = store;
        this.targets = targets;
        this.notices = notices;
        this.nextBest = nextBest;
        this.accounts = accounts;
        this.permissions = permissions;
        this.asks = asks;
        this.mongo = mongo;
    }

    /** @param override the owner's reason to pass the quarterly limit; needed only when the contact is over it */
    public Approved approve(ChatUser by, String id, String override) {
        ReferenceRequest r = store.get(id);
        Account account = ownedBy(by, r, "approve reference requests for it");
        if (r.state() != RequestState.REQUESTED) {
            throw new RequestStore.IllegalTransition("Request " + r.id() + " is " + r.state().word()
                    + "; only a requested one can be approved. Nothing was changed.");
        }
        Contact c = contact(r);
        String reason = RequestService.clean(override);
        if (!asks.underLimit(c.id()) && reason == null) {
            throw new RequestException(RequestMessages.name(c) + " was already asked " + asks.asksThisQuarter(c.id())
                    + " time(s) this quarter (the limit is " + asks.limit() + ")" + (r.override() == null ? ""
                    : "; the requester's reason: " + r.override()) + ". To approve anyway: /reference approve " + r.id()
                    + " override=\"<reason>\". Nothing was changed.");
        }
        // counted first, then moved: if another click wins the move, our count is taken back
        ReferenceAsk ask = asks.ask(by, c, r.prospect() + " (request " + r.id() + ")", r.note(), reason);
        ReferenceRequest moved;
        try {
            moved = store.move(r.id(), RequestState.APPROVED, AuditLog.who(by), reason == null ? null : "override: " + reason,
                    u -> u.set("askId", ask.id()).set("nextNudgeAt", null));
        } catch (RequestStore.IllegalTransition lost) {
            mongo.remove(ask);
            throw lost;
        }
        Optional<ChatTarget> via = notices.toCustomer(moved, c);
        notices.toRequester(moved, "approved", ChatMessage.text("Your reference request " + moved.id() + " for "
                + moved.prospect() + " was approved by the owner of " + moved.accountName() + ". "
                + (via.isPresent() ? "The customer has been asked; you will get the introduction when they say yes."
                : "The owner will ask the customer personally (no chat or email channel is on file).")));
        return new Approved(moved, via.orElse(null));
    }

    public ReferenceRequest decline(ChatUser by, String id, String reason) {
        ReferenceRequest r = store.get(id);
        ownedBy(by, r, "decline reference requests for it");
        String why = RequestService.clean(reason);
        ReferenceRequest moved = store.move(r.id(), RequestState.DECLINED, AuditLog.who(by), why,
                u -> u.set("declineReason", why).set("nextNudgeAt", null));
        notices.toRequester(moved, "declined", nextBest.offer(moved, "The owner of " + moved.accountName()
                + " declined your reference request " + moved.id() + " for " + moved.prospect()
                + (why == null ? "." : ": " + why + ".")));
        return moved;
    }

    /** A new request for another contact of the same account, sent on to its approval at once; this one is superseded. */
    public ReferenceRequest suggest(ChatUser by, String id, String otherContact) {
        ReferenceRequest r = store.get(id);
        Account account = ownedBy(by, r, "suggest other references for it");
        Contact other = accounts.contactByEmail(otherContact == null ? null : otherContact.trim())
                .filter(c -> account.id().equals(c.accountId()))
                .orElseThrow(() -> new RequestException("no contact '" + otherContact + "' at " + account.name()
                        + "; name one of its contacts by email"));
        String problem = targets.problem(other, account, r.need(), null);
        if (problem != null) {
            throw new RequestException("Cannot suggest " + other.email() + ": " + problem + ". Nothing was changed.");
        }
        store.move(r.id(), RequestState.SUPERSEDED, AuditLog.who(by), "owner suggested another contact", u -> u.set("nextNudgeAt", null));
        ReferenceRequest next = requests.resuggest(r, other, by);
        notices.toRequester(r, "suggested", ChatMessage.text("The owner of " + r.accountName() + " suggested another contact"
                + " for your request " + r.id() + " (" + r.prospect() + "): it continues as request " + next.id() + "."));
        return next;
    }

    /** The customer's answer (their button, or the owner recording what they said on another channel). */
    public ReferenceRequest customerAnswer(String id, boolean yes, String by) {
        ReferenceRequest r = store.get(id);
        Contact c = contact(r);
        if (yes) {
            ReferenceRequest moved = store.move(r.id(), RequestState.INTRODUCED, by, "customer said yes", u -> u.set(
                    "nextNudgeAt", clock.instant().plus(props.outcomeReminder())));
            notices.toRequester(moved, "introduction", RequestMessages.introduction(moved, c, true));
            notices.toOwner(moved, "introduction", RequestMessages.introduction(moved, c, false));
            return moved;
        }
        ReferenceRequest moved = store.move(r.id(), RequestState.CUSTOMER_DECLINED, by, "customer said no", u -> u.set("nextNudgeAt", null));
        notices.toOwner(moved, "customer-no", ChatMessage.text(RequestMessages.name(c) + " would rather not help with "
                + moved.prospect() + " (request " + moved.id() + "). The requester has been told."));
        notices.toRequester(moved, "customer-no", nextBest.offer(moved, "The customer could not help with your request "
                + moved.id() + " for " + moved.prospect() + "."));
        return moved;
    }

    /** The owner records a customer's answer given by email, phone or in person. */
    public ReferenceRequest recordAnswer(ChatUser by, String id, String answer) {
        ReferenceRequest r = store.get(id);
        ownedBy(by, r, "record customers' answers for it");
        String a = answer == null ? "" : answer.trim().toLowerCase(Locale.ROOT);
        if (!a.equals("yes") && !a.equals("no")) {
            throw new RequestException("say yes or no: /reference answer " + r.id() + " yes|no");
        }
        return customerAnswer(r.id(), a.equals("yes"), AuditLog.who(by));
    }

    Contact contact(ReferenceRequest r) {
        return accounts.contactByEmail(r.contactId()).orElseThrow(() -> new RequestException("the contact of request "
                + r.id() + " is no longer on file"));
    }

    private Account ownedBy(ChatUser by, ReferenceRequest r, String what) {
        Account a = accounts.find(r.accountId()).orElseThrow(() -> new RequestException("the account of request "
                + r.id() + " is no longer on file"));
        permissions.requireOwnerOrAdmin(by, a, what);
        return a;
    }
}
