package com.referralloop.program;

import com.referralloop.account.Account;
import com.referralloop.account.AccountService;
import com.referralloop.account.Contact;
import com.referralloop.chat.ChatUser;
import com.referralloop.chat.Platform;
import com.referralloop.reference.ReferenceService;
import com.referralloop.referral.AskService;
import com.referralloop.referral.ConsentLevel;
import com.referralloop.referral.ConsentService;
import com.referralloop.referral.RatingGrade;
import com.referralloop.referral.RatingService;
import com.referralloop.referral.Referral;
import com.referralloop.referral.ReferralService;
import com.referralloop.referral.ReferralStatus;
import com.referralloop.referral.RiskFlag;
import com.referralloop.testimonial.Testimonial;
import com.referralloop.testimonial.TestimonialService;
import com.referralloop.web.WebProperties;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * With REFERRAL_DEMO=true, gives the sample accounts a lived-in referral program (consents, ratings, a
 * published testimonial, a reference project, asks and a referral tree), recorded through the same services
 * the commands use, as each account's owner. Runs once per store (marker {@code program_demo/v1}).
 */
@Component
class ProgramDemoData {

    private static final Logger log = LoggerFactory.getLogger("referral.web");

    private final WebProperties web;
    private final MongoTemplate mongo;
    private final AccountService accounts;
    private final ConsentService consents;
    private final RatingService ratings;
    private final TestimonialService testimonials;
    private final ReferenceService references;
    private final ReferralService referrals;
    private final AskService asks;
    private final Clock clock;

    ProgramDemoData(WebProperties web, MongoTemplate mongo, AccountService accounts, ConsentService consents,
                    RatingService ratings, TestimonialService testimonials, ReferenceService references,
                    ReferralService referrals, AskService asks, Clock clock) {
        this.web = web;
        this.mongo = mongo;
        this.accounts = accounts;
        this.consents = consents;
        this.ratings = ratings;
        this.testimonials = testimonials;
        this.references = references;
        this.referrals = referrals;
        this.asks = asks;
        this.clock = clock;
    }

    /** After the web demo loader has created the sample accounts. */
    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.LOWEST_PRECEDENCE)
    void onReady() {
        if (!web.demo() || accounts.find("DEMO-1").isEmpty()) {
            return;
        }
        if (firstTime("v1")) {
            try {
                load();
            } catch (RuntimeException e) {
                log.warn("Demo referral-program data could not be loaded: {}", e.toString());
            }
        }
        // a marker of its own, so a store loaded before these projects existed gets them too
        if (firstTime("references-v1")) {
            try {
                loadReferenceCustomers();
            } catch (RuntimeException e) {
                log.warn("Demo reference projects could not be loaded: {}", e.toString());
            }
        }
    }

    private boolean firstTime(String marker) {
        try {
            mongo.insert(new Document("_id", marker), "program_demo");
            return true;
        } catch (DuplicateKeyException loadedBefore) {
            return false;
        }
    }

    /**
     * Projects at accounts whose contact {@code /reference find} may offer: Carol (Globex, rated 1, marketing
     * consent) and Grace (Umbrella Health, rated 2, sales consent) have live consent covering calls and are
     * under the ask limit. Alice at Acme is not offered once the sample follow-ups have asked her twice this
     * quarter, which shows the "over the ask limit" reason.
     */
    private void loadReferenceCustomers() {
        LocalDate nextYear = LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusYears(1);
        project("DEMO-2", "Support desk integration with Zendesk", List.of("integration", "support"), "manufacturing",
                "Fleet API", nextYear);
        project("DEMO-4", "Clinic onboarding in three weeks", List.of("onboarding", "integration", "time-to-value"),
                "healthcare", "Core", null);
        log.info("Demo reference projects loaded at Globex and Umbrella Health");
    }

    private void project(String accountId, String title, List<String> strengths, String industry, String product,
                         LocalDate validUntil) {
        Account a = accounts.find(accountId).orElseThrow();
        references.add(ownerOf(a), a, title, strengths, industry, product, validUntil);
    }

    private void load() {
        LocalDate nextYear = LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusYears(1);
        consent("alice@acme.example", ConsentLevel.ACTIVE, List.of("logo", "quote", "call"), nextYear, "demo: QBR notes");
        consent("carol@globex.example", ConsentLevel.MARKETING, null, nextYear, "demo: signed reference agreement");
        consent("erin@initech.example", ConsentLevel.PASSIVE, List.of("logo"), nextYear, "demo: email of 3 Nov");
        consent("grace@umbrella.example", ConsentLevel.SALES, null, nextYear, "demo: partner contract");

        rate("DEMO-1", RatingGrade.A, List.of(), null);
        rate("DEMO-2", RatingGrade.ONE, List.of(), null);
        rate("DEMO-3", RatingGrade.B, List.of(RiskFlag.RELATIONSHIP), "new sponsor since the reorg");
        rate("DEMO-4", RatingGrade.TWO, List.of(), null);

        Account acme = accounts.find("DEMO-1").orElseThrow();
        ChatUser acmeOwner = ownerOf(acme);
        references.add(acmeOwner, acme, "Warehouse robots roll-out", List.of("fast-implementation", "integration"),
                "logistics", "Fleet API", nextYear);
        Contact alice = contact("alice@acme.example");
        Testimonial t = testimonials.add(acmeOwner, alice, "Referral Loop's team felt like part of ours.", null, false);
        testimonials.approve(acmeOwner, t.id(), "demo: approved by email");
        testimonials.publish(acmeOwner, t.id());
        asks.ask(acmeOwner, alice, "Wayne Enterprises deal", "demo ask", null);

        Referral first = referrals.log(acmeOwner, alice, null, "Pat Jones", "Wayne Enterprises", ReferralStatus.WON, 24000);
        Referral second = referrals.log(acmeOwner, null, first.id(), "Lee Chan", "Cyberdyne", ReferralStatus.QUALIFIED, 0);
        referrals.log(acmeOwner, null, second.id(), "Ana Ruiz", "Tyrell", ReferralStatus.NEW, 0);
        referrals.log(acmeOwner, alice, null, "Sam Okoro", "Soylent", ReferralStatus.CONTACTED, 0);
        log.info("Demo referral program loaded: consents, ratings, a published testimonial, a project and a referral tree");
    }

    private void consent(String email, ConsentLevel level, List<String> scope, LocalDate expires, String evidence) {
        Contact c = contact(email);
        consents.record(ownerOf(accounts.find(c.accountId()).orElseThrow()), c, level, scope, expires, evidence);
    }

    private void rate(String accountId, RatingGrade grade, List<RiskFlag> risks, String reason) {
        Account a = accounts.find(accountId).orElseThrow();
        ratings.rate(ownerOf(a), a, grade, risks, reason, null);
    }

    private Contact contact(String email) {
        return accounts.contactByEmail(email).orElseThrow();
    }

    private static ChatUser ownerOf(Account a) {
        String email = a.owner().email();
        return new ChatUser(Platform.WEB, email, email, email);
    }
}
