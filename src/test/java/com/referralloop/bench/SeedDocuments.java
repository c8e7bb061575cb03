package com.referralloop.bench;

import com.referralloop.account.Account;
import com.referralloop.account.Contact;
import com.referralloop.account.Owner;
import com.referralloop.account.PreferredChannel;
import com.referralloop.audit.AuditEntry;
import com.referralloop.chat.ChatAction;
import com.referralloop.chat.ChatField;
import com.referralloop.chat.ChatMessage;
import com.referralloop.chat.ChatTarget;
import com.referralloop.chat.Platform;
import com.referralloop.chat.outbox.OutboxMessage;
import com.referralloop.chat.outbox.OutboxState;
import com.referralloop.feedback.Feedback;
import com.referralloop.feedback.NpsCategory;
import com.referralloop.followup.FollowUp;
import com.referralloop.followup.FollowUpEvent;
import com.referralloop.followup.FollowUpKind;
import com.referralloop.followup.FollowUpOutcome;
import com.referralloop.followup.FollowUpState;
import com.referralloop.followup.MessageRef;
import com.referralloop.referral.AccountRating;
import com.referralloop.referral.Consent;
import com.referralloop.referral.ConsentLevel;
import com.referralloop.referral.RatingGrade;
import com.referralloop.testimonial.Testimonial;
import com.referralloop.testimonial.TestimonialState;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bson.types.ObjectId;

/**
 * The records one seeded account brings, built as the app's own entity records (the bench writes them with
 * Spring Data's converter, so field names, enum strings and dates are the app's): 3 contacts, 10 answers of
 * the last two years (5 promoters, 2 passives, 3 detractors), the 8 follow-ups (95 % closed; the others past
 * due and fully escalated, acknowledged or snoozed, so an SLA run finds nothing due), 10 outbox rows per answer
 * (about 1 % dead, the rest sent), a consent for one contact in five, a rating for one account in three (drawn).
 * Account 0–49 belong to the rep {@link #REP_EMAIL} (App Home); the others to one owner per 50 accounts.
 */
final class SeedDocuments {

    static final String REP_EMAIL = "rep@vendor.example";
    static final String REP_SLACK = "UREP";
    static final int REP_ACCOUNTS = 50;
    static final int CONTACTS = 3;
    static final int ANSWERS = Integer.getInteger("bench.answers-per-account", 10);
    static final int OUTBOX_PER_ANSWER = Integer.getInteger("bench.outbox-per-answer", 10);
    private static final int[] SCORES = {10, 9, 10, 9, 10, 8, 7, 3, 5, 6};
    private static final char[] ID_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789".toCharArray();

    final List<Account> accounts = new ArrayList<>();
    final List<Contact> contacts = new ArrayList<>();
    final List<Feedback> feedback = new ArrayList<>();
    final List<FollowUp> followUps = new ArrayList<>();
    final List<OutboxMessage> outbox = new ArrayList<>();
    final List<Consent> consents = new ArrayList<>();
    final List<AccountRating> ratings = new ArrayList<>();
    final List<AuditEntry> audit = new ArrayList<>();
    final List<Testimonial> testimonials = new ArrayList<>();

    private final Instant now;

    SeedDocuments(Instant now) {
        this.now = now;
    }

    static String ownerEmail(int account) {
        return account < REP_ACCOUNTS ? REP_EMAIL : "owner" + account / 50 + "@vendor.example";
    }

    static String ownerSlack(int account) {
        return account < REP_ACCOUNTS ? REP_SLACK : "UOWN" + account / 50;
    }

    static String contactEmail(int account, int contact) {
        return "c" + contact + ".a" + account + "@customer" + account % 1000 + ".example";
    }

    /** Adds account {@code i} and everything it brings. */
    void account(int i) {
        SplittableRandom rnd = new SplittableRandom(0x5eedL * 31 + i);
        String id = "A-" + i;
        String name = "Account " + i;
        Owner owner = new Owner(ownerEmail(i), ownerSlack(i), null, "manager" + i / 500 + "@vendor.example");
        String csChannel = i % 2 == 0 ? "CCS" + i % 20 : null;
        Account account = new Account(id, name, owner, csChannel);
        accounts.add(account);
        for (int c = 0; c < CONTACTS; c++) {
            String email = contactEmail(i, c);
            contacts.add(new Contact(email, id, email, "Contact " + c + " of " + name, null, null,
                    c == 0 ? PreferredChannel.EMAIL : null));
            // drawn, not by position: the reference projects sit on every (S / 1,000)th account, and a choice
            // by position would give them more or fewer consents depending on S
            if (rnd.nextInt(5) == 0) {
                consent(account, email, rnd);
            }
        }
        if (rnd.nextInt(3) == 0) {
            rating(account, rnd);
        }
        if (rnd.nextInt(10) == 0) {
            testimonial(account, contactEmail(i, 0), rnd);
        }
        for (int a = 0; a < ANSWERS; a++) {
            answer(account, i, a, rnd);
        }
    }

    private void consent(Account account, String contactId, SplittableRandom rnd) {
        ConsentLevel level = rnd.nextInt(4) == 0 ? ConsentLevel.MARKETING : ConsentLevel.ACTIVE;
        Instant at = past(rnd, 700);
        LocalDate expires = rnd.nextInt(3) == 0 ? LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(200 + rnd.nextInt(400)) : null;
        String by = "slack:" + account.owner().slackUserId() + " <" + account.owner().email() + ">";
        Consent consent = new Consent(new ObjectId().toHexString(), contactId, account.id(), level, level.defaultScope(),
                expires, "https://crm.example/notes/" + rnd.nextInt(1_000_000), by, at, false, null);
        consents.add(consent);
        audit.add(new AuditEntry(new ObjectId().toHexString(), "CONSENT_RECORDED", contactId, by, at, "none", consent.describe()));
    }

    private void rating(Account account, SplittableRandom rnd) {
        RatingGrade grade = RatingGrade.values()[rnd.nextInt(RatingGrade.values().length)];
        Instant at = past(rnd, 300);
        LocalDate on = LocalDate.ofInstant(at, ZoneOffset.UTC);
        String by = "slack:" + account.owner().slackUserId() + " <" + account.owner().email() + ">";
        String reason = grade == RatingGrade.D ? "not eligible: churn risk" : "rated in the quarterly review";
        ratings.add(new AccountRating(account.id(), grade, List.of(), reason, null, on, on.plusYears(1), by, at,
                List.of(new AccountRating.Entry(grade, List.of(), reason, null, by, at))));
        audit.add(new AuditEntry(new ObjectId().toHexString(), "RATING", account.id(), by, at, "not rated", grade.describe()));
    }

    /** Not in the list; one in ten accounts, so that /testimonial list has something to list. */
    private void testimonial(Account account, String contactId, SplittableRandom rnd) {
        Instant at = past(rnd, 600);
        String by = "slack:" + account.owner().slackUserId() + " <" + account.owner().email() + ">";
        String quote = account.name() + " cut our onboarding time in half.";
        boolean published = rnd.nextInt(4) != 0;
        TestimonialState state = published ? TestimonialState.PUBLISHED : TestimonialState.PENDING_CUSTOMER;
        List<Testimonial.Step> history = new ArrayList<>(List.of(new Testimonial.Step(null, TestimonialState.PENDING_CUSTOMER, by, at, "added")));
        List<Testimonial.Approval> approvals = new ArrayList<>();
        if (published) {
            approvals.add(new Testimonial.Approval(quote, "email of " + at, by, at.plusSeconds(86_400)));
            history.add(new Testimonial.Step(TestimonialState.PENDING_CUSTOMER, TestimonialState.APPROVED, by, at.plusSeconds(86_400), null));
            history.add(new Testimonial.Step(TestimonialState.APPROVED, TestimonialState.PUBLISHED, by, at.plusSeconds(90_000), null));
        }
        testimonials.add(new Testimonial("T" + account.id().substring(2), contactId, account.id(), quote, null, state,
                published ? quote : null, null, approvals, history, by, at, published ? at.plusSeconds(90_000) : at));
    }

    private void answer(Account account, int i, int a, SplittableRandom rnd) {
        int score = SCORES[a % SCORES.length];
        NpsCategory category = score >= 9 ? NpsCategory.PROMOTER : score >= 7 ? NpsCategory.PASSIVE : NpsCategory.DETRACTOR;
        String contact = contactEmail(i, a % CONTACTS);
        String source = a % 5 == 4 ? "typeform" : "nps";
        String responseId = "r-" + i + "-" + a;
        Instant responded = past(rnd, 730).minus(Duration.ofDays(3));
        Instant received = responded.plusSeconds(2 + rnd.nextInt(60));
        String comment = "Answer " + a + " of " + account.name() + ": " + (score >= 9 ? "great support, would recommend"
                : score >= 7 ? "fine overall" : "slow answers lately");
        String raw = "{\"responseId\":\"" + responseId + "\",\"source\":\"" + source + "\",\"score\":" + score
                + ",\"comment\":\"" + comment + "\",\"email\":\"" + contact + "\"}";
        feedback.add(new Feedback(Feedback.idOf(source, responseId), source, responseId, score, category, comment, contact,
                contact, account.id(), responded, received, received, true, 1, raw));
        FollowUp f = category == NpsCategory.PASSIVE ? null
                : followUp(account, i * ANSWERS + a, Feedback.idOf(source, responseId), category, score, comment, contact, source,
                received.plusSeconds(1), rnd);
        if (f != null) {
            followUps.add(f);
        }
        outbox(account, f, i * ANSWERS + a, received.plusSeconds(1), rnd);
    }

    private FollowUp followUp(Account account, int n, String feedbackId, NpsCategory category, int score, String comment,
                              String contact, String source, Instant created, SplittableRandom rnd) {
        FollowUpKind kind = FollowUpKind.valueOf(category.name());
        Instant due = created.plus(kind == FollowUpKind.PROMOTER ? Duration.ofHours(48) : Duration.ofHours(24));
        int r = rnd.nextInt(100);
        FollowUpState state = r < 95 ? FollowUpState.CLOSED : r < 98 ? FollowUpState.OPEN
                : r < 99 ? FollowUpState.ACKNOWLEDGED : FollowUpState.SNOOZED;
        String actor = account.owner().slackUserId();
        List<FollowUpEvent> events = new ArrayList<>();
        events.add(new FollowUpEvent(created, "CREATED", "system", null, FollowUpState.OPEN,
                kind.name().toLowerCase() + " answer " + score + "/10"));
        FollowUpOutcome outcome = null;
        Instant snoozedUntil = null;
        Instant reminded = null;
        int level = 0;
        switch (state) {
            case CLOSED -> {
                events.add(new FollowUpEvent(created.plusSeconds(3600), "TRANSITION", actor, FollowUpState.OPEN,
                        FollowUpState.ACKNOWLEDGED, null));
                outcome = kind == FollowUpKind.PROMOTER ? FollowUpOutcome.values()[rnd.nextInt(4)] : FollowUpOutcome.RESOLVED;
                events.add(new FollowUpEvent(created.plusSeconds(7200), "TRANSITION", actor, FollowUpState.ACKNOWLEDGED,
                        FollowUpState.CLOSED, outcome.word()));
            }
            case SNOOZED -> {
                snoozedUntil = now.plus(Duration.ofDays(3 + rnd.nextInt(20)));
                due = due.plus(Duration.between(created, snoozedUntil));
                events.add(new FollowUpEvent(created.plusSeconds(600), "TRANSITION", actor, FollowUpState.OPEN,
                        FollowUpState.SNOOZED, "until " + snoozedUntil));
            }
            default -> {
                // past due long ago: reminded and escalated to the end, so the SLA timers have nothing left to do
                reminded = due.minus(Duration.ofHours(6));
                level = 2;
                events.add(new FollowUpEvent(reminded, "REMINDER", "system", state, state, "reminder sent to the owner"));
                events.add(new FollowUpEvent(due, "ESCALATION", "system", state, state, "level 1: escalated to the manager"));
                events.add(new FollowUpEvent(due.plus(Duration.ofHours(12)), "ESCALATION", "system", state, state,
                        "level 2: escalated to customer success"));
                if (state == FollowUpState.ACKNOWLEDGED) {
                    events.add(new FollowUpEvent(due.plus(Duration.ofHours(13)), "TRANSITION", actor, FollowUpState.OPEN,
                            FollowUpState.ACKNOWLEDGED, null));
                }
            }
        }
        String destination = destination(account, kind);
        return new FollowUp(followUpId(n), feedbackId, kind, state, account.id(), account.name(), contact,
                "Contact of " + account.name(), contact, score, comment, source, account.owner().email(),
                account.owner().slackUserId(), null, account.owner().managerEmail(), account.csChannel(), created, due,
                snoozedUntil, reminded, level, outcome, outcome == null ? null : "done", state == FollowUpState.OPEN ? null : actor,
                events, List.of(), List.of(new MessageRef(Platform.SLACK, destination, ts(created))),
                created, firstHumanAction(events), state == FollowUpState.CLOSED ? events.get(events.size() - 1).at() : null,
                // nothing due for the SLA timers: escalated to the end, or snoozed into the future; closed ones
                // as the retention job leaves them (trimmed long ago)
                state == FollowUpState.SNOOZED ? snoozedUntil : null, null, 0);
    }

    private static Instant firstHumanAction(List<FollowUpEvent> events) {
        return events.stream().filter(FollowUpEvent::isHumanAction).map(FollowUpEvent::at).min(Instant::compareTo).orElse(null);
    }

    /** Ten rows per answer: the follow-up's post and its updates, reminders and other notices; about 1 % dead. */
    private void outbox(Account account, FollowUp f, int n, Instant first, SplittableRandom rnd) {
        String subject = f == null ? null : f.id();
        String destination = destination(account, f == null ? FollowUpKind.PROMOTER : f.kind());
        ChatMessage message = message(account, f);
        for (int k = 0; k < OUTBOX_PER_ANSWER; k++) {
            Instant created = first.plusSeconds(k * 3600L);
            boolean post = k == 0;
            String key = subject == null ? "notice:" + n + ":" + k + ":SLACK"
                    : post ? "followup:" + subject + ":post:SLACK"
                    : "followup:" + subject + ":update:" + (k + 1) + ":SLACK:" + ts(first);
            ChatTarget target = new ChatTarget(Platform.SLACK, destination, post || subject == null ? null : ts(first));
            boolean dead = rnd.nextInt(100) == 0;
            outbox.add(new OutboxMessage(null, key, post || subject == null ? OutboxMessage.OutboxKind.POST
                    : OutboxMessage.OutboxKind.UPDATE, target, message, subject, dead ? OutboxState.DEAD : OutboxState.SENT,
                    dead ? 8 : 1, 0, created, created, null, null, dead ? "gave up after 8 attempts: channel_not_found" : null,
                    dead ? null : created.plusMillis(40), dead ? null : ts(created), null, null,
                    // the addresses the message shows: the seeded cards name the person, never their email
                    List.of()));
        }
    }

    private static ChatMessage message(Account account, FollowUp f) {
        if (f == null) {
            return new ChatMessage("Reference request digest", "Nothing needs your decision today.", List.of(), List.of(), null);
        }
        List<ChatField> fields = List.of(new ChatField("Account", account.name()),
                new ChatField("Score", f.score() + "/10 (" + f.kind().name().toLowerCase() + ")"),
                new ChatField("Consent", "none"), new ChatField("Rating", "not rated"),
                new ChatField("State", f.state().name().toLowerCase()), new ChatField("Due", f.dueAt().toString()));
        List<ChatAction> actions = f.state() == FollowUpState.CLOSED ? List.of() : List.of(
                new ChatAction("followup.ask-referral", "Ask for a referral", f.id(), ChatAction.Style.PRIMARY),
                ChatAction.of("followup.record-consent", "Record consent", f.id()),
                ChatAction.of("followup.snooze-day", "Snooze 1 day", f.id()));
        return new ChatMessage((f.kind() == FollowUpKind.PROMOTER ? "Promoter: " : "Detractor: ") + f.respondentName()
                + " gave " + f.score() + "/10", "“" + f.comment() + "”", fields, actions, "Follow-up " + f.id());
    }

    private static String destination(Account account, FollowUpKind kind) {
        return kind == FollowUpKind.DETRACTOR && account.csChannel() != null ? account.csChannel() : account.owner().slackUserId();
    }

    private Instant past(SplittableRandom rnd, int days) {
        return now.minus(Duration.ofMinutes(rnd.nextLong(days * 24L * 60)));
    }

    private static String ts(Instant at) {
        return at.getEpochSecond() + "." + String.format("%06d", at.getNano() / 1000);
    }

    /** Unique, in the app's format (F and seven characters of its alphabet). */
    static String followUpId(int n) {
        char[] id = new char[7];
        for (int k = 6; k >= 0; k--) {
            id[k] = ID_ALPHABET[n % ID_ALPHABET.length];
            n /= ID_ALPHABET.length;
        }
        return "F" + new String(id);
    }
}
