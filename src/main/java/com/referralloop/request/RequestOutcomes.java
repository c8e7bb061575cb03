package com.referralloop.request;

import com.referralloop.account.Account;
import com.referralloop.account.AccountService;
import com.referralloop.audit.AuditLog;
import com.referralloop.chat.ChatMessage;
import com.referralloop.chat.ChatUser;
import com.referralloop.referral.Permissions;
import java.util.Locale;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/** What happened after the introduction, recorded by the requester (or the owner, or an admin): call, no show, won, lost. */
@Service
public class RequestOutcomes {

    /** The outcome words people type. */
    public static final String WORDS = "call-held|no-show|won <amount>|lost";

    private final RequestStore store;
    private final RequestNotices notices;
    private final AccountService accounts;
    private final Permissions permissions;
    private final ApplicationEventPublisher events;

    RequestOutcomes(RequestStore store, RequestNotices notices, AccountService accounts, Permissions permissions,
                    ApplicationEventPublisher events) {
        this.events = events;
        this.store = store;
        this.notices = notices;
        this.accounts = accounts;
        this.permissions = permissions;
    }

    public ReferenceRequest record(ChatUser by, String id, String outcome, String amount) {
        ReferenceRequest r = store.get(id);
        requireRequesterOrOwner(by, r);
        String word = outcome == null ? "" : outcome.trim().toLowerCase(Locale.ROOT);
        RequestState to = switch (word) {
            case "call-held", "held", "call" -> RequestState.CALL_HELD;
            case "no-show", "noshow" -> RequestState.NO_SHOW;
            case "won" -> RequestState.WON;
            case "lost" -> RequestState.LOST;
            default -> throw new RequestException("the outcome is one of " + WORDS + ", not '" + outcome
                    + "'; e.g. /reference outcome " + r.id() + " won 24k");
        };
        Long won = null;
        if (to == RequestState.WON) {
            won = Money.parse(amount, "");
            if (won == null) {
                won = r.amount();
            }
            if (won == null) {
                throw new RequestException("say what the deal was worth: /reference outcome " + r.id() + " won 24000");
            }
        }
        Long wonAmount = won;
        // the outcome reminder is off once the deal is decided; a held call still waits for won or lost
        ReferenceRequest moved = store.move(r.id(), to, AuditLog.who(by), wonAmount == null ? null : "won " + Money.format(wonAmount),
                u -> {
                    if (wonAmount != null) {
                        u.set("wonAmount", wonAmount);
                    }
                    if (to.finished()) {
                        u.set("nextNudgeAt", null);
                    }
                });
        if (to == RequestState.WON) {
            events.publishEvent(new ReferenceDealWon(moved));
        }
        if (to.finished() && !isOwnerSelf(by, r)) {
            notices.toOwner(moved, "outcome", ChatMessage.text("Request " + moved.id() + " (" + moved.prospect() + ", "
                    + moved.accountName() + "): " + (wonAmount == null ? "deal lost." : "deal won, " + Money.format(wonAmount)
                    + " influenced by your reference. Thank the customer!")));
        }
        return moved;
    }

    private static boolean isOwnerSelf(ChatUser by, ReferenceRequest r) {
        return by.id() != null && (by.id().equals(r.ownerSlackId()) || by.id().equals(r.ownerDiscordId())
                || (by.email() != null && by.email().equalsIgnoreCase(r.ownerEmail())));
    }

    private void requireRequesterOrOwner(ChatUser by, ReferenceRequest r) {
        if (RequestService.keyOf(by).equals(r.requesterKey()) || permissions.isAdmin(by)) {
            return;
        }
        Account a = accounts.find(r.accountId()).orElse(null);
        if (a != null && permissions.owns(by, a)) {
            return;
        }
        throw new com.referralloop.command.AccessDeniedException("Only the rep who requested " + r.id()
                + ", the owner of " + r.accountName() + " or an admin may record its outcome. Nothing was recorded.");
    }
}
