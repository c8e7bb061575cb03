package com.referralloop.request;

import com.referralloop.account.Account;
import com.referralloop.account.AccountService;
import com.referralloop.account.Contact;
import com.referralloop.chat.ChatUser;
import com.referralloop.reference.ReferenceProject;
import com.referralloop.referral.AskService;
import com.referralloop.referral.Consent;
import com.referralloop.referral.ConsentLevel;
import com.referralloop.referral.ConsentService;
import com.referralloop.referral.ContactResolver;
import com.referralloop.referral.Permissions;
import com.referralloop.referral.RatingGrade;
import com.referralloop.referral.RatingService;
import com.referralloop.support.InvalidInputException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Turns what a rep named into the contact to ask, and says plainly why a contact may not be asked for this
 * need: no live consent covering it, rated D, or over the quarterly ask limit without an override.
 */
@Component
class RequestTargets {

    /** The contact to ask, the project that made them fit (null when named by email) and their account. */
    record Target(Contact contact, Account account, ReferenceProject project) { }

    private final MongoTemplate mongo;
    private final Clock clock;
    private final AccountService accounts;
    private final ContactResolver resolver;
    private final Permissions permissions;
    private final ConsentService consents;
    private final RatingService ratings;
    private final AskService asks;

    RequestTargets(MongoTemplate mongo, Clock clock, AccountService accounts, ContactResolver resolver,
                   Permissions permissions, ConsentService consents, RatingService ratings, AskService asks) {
        this.mongo = mongo;
        this.clock = clock;
        this.accounts = accounts;
        this.resolver = resolver;
        this.permissions = permissions;
        this.consents = consents;
        this.ratings = ratings;
        this.asks = asks;
    }

    Target resolve(ChatUser by, String text, RequestNeed need) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("missing the reference: give the id /reference find shows, e.g. P7KQ2MX.K4F2A9");
        }
        Optional<ReferenceHandle> handle = ReferenceHandle.parse(text);
        if (handle.isPresent()) {
            return byHandle(handle.get(), need);
        }
        Optional<Contact> named = resolver.find(text);
        if (named.isPresent()) {
            Account a = resolver.accountOf(named.get());
            if (permissions.owns(by, a) || permissions.isAdmin(by)) {
                return new Target(named.get(), a, null);
            }
        }
        // the same answer whether or not the email is known: a rep cannot probe who is a contact
        throw new InvalidInputException("no reference '" + text + "' can be requested by name; give the id /reference find "
                + "shows, e.g. P7KQ2MX.K4F2A9 (owners and admins may also name their own contacts by email)");
    }

    private Target byHandle(ReferenceHandle h, RequestNeed need) {
        ReferenceProject p = mongo.findById(h.projectId(), ReferenceProject.class);
        if (p == null || !p.validOn(today())) {
            throw new InvalidInputException("no valid reference project " + h.projectId() + "; run /reference find for current ones");
        }
        Account a = accounts.find(p.accountId()).orElseThrow(() ->
                new InvalidInputException("project " + p.id() + " belongs to no known account"));
        if (h.contactCode() != null) {
            return accounts.contactsOf(a.id()).stream().filter(c -> h.contactCode().equals(ReferenceHandle.codeOf(c.id())))
                    .findFirst().map(c -> new Target(c, a, p)).orElseThrow(() -> new InvalidInputException("no contact "
                            + h.contactCode() + " at project " + p.id() + "; run /reference find again for current ids"));
        }
        return accounts.contactsOf(a.id()).stream().filter(c -> problem(c, a, need, null) == null).findFirst()
                .map(c -> new Target(c, a, p)).orElseThrow(() -> new RequestException("nobody at " + a.name()
                        + " can be asked for a " + need.word() + " now; run /reference find for other references"));
    }

    /** Why this contact may not be asked for {@code need}, or null when they may. */
    String problem(Contact c, Account a, RequestNeed need, String override) {
        if (ratings.gradeOf(a.id()) == RatingGrade.D) {
            return a.name() + " is rated D and is not offered as a reference";
        }
        Optional<Consent> live = consents.live(c.id());
        if (live.isEmpty() || !live.get().level().atLeast(ConsentLevel.ACTIVE)) {
            return "this contact's consent is " + consents.describe(c.id()) + "; a request needs live consent of level "
                    + "active or above (the owner records it with /referral consent)";
        }
        if (!live.get().covers(need.scope())) {
            return "this contact's consent (" + live.get().describe() + ") does not cover " + need.scope()
                    + "; choose another need= or another reference";
        }
        if (!asks.underLimit(c.id()) && (override == null || override.isBlank())) {
            return "this contact was already asked " + asks.asksThisQuarter(c.id()) + " time(s) this quarter (the limit is "
                    + asks.limit() + "); add override=\"<reason>\" if this deal cannot wait, and the owner decides";
        }
        return null;
    }

    Consent liveConsent(Contact c) {
        return consents.live(c.id()).orElse(null);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }
}
