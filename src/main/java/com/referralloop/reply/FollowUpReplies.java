package com.referralloop.reply;

import com.referralloop.account.Contact;
import com.referralloop.account.ContactRepository;
import com.referralloop.chat.ChatEmailLookup;
import com.referralloop.chat.ChatField;
import com.referralloop.chat.ChatMessage;
import com.referralloop.chat.Platform;
import com.referralloop.followup.CustomerReply;
import com.referralloop.followup.FollowUp;
import com.referralloop.followup.FollowUpService;
import com.referralloop.followup.FollowUpState;
import com.referralloop.support.LogSafe;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.referralloop.support.PageCursor;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Customers' replies, from any channel: finds the follow-up a message belongs to, stores it there with one
 * atomic update, and tells the owner in the follow-up's thread (or a DM). A message that cannot be tied
 * safely to a follow-up of the sender is kept in {@code unmatched_replies} and flagged. The Slack, Discord
 * and email adapters call this service; it knows no platform SDK.
 */
@Service
public class FollowUpReplies {

    private static final Logger log = LoggerFactory.getLogger(FollowUpReplies.class);
    private static final int MAX_TEXT = 10_000;
    private static final Pattern ADDRESS = Pattern.compile("<?([^<>\\s,;]+@[^<>\\s,;]+)>?\\s*$");

    private final FollowUpService followUps;
    private final ContactRepository contacts;
    private final MongoTemplate mongo;
    private final OwnerNotices notices;
    private final ReplyTokens tokens;
    private final CustomerQuestion question;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final List<ChatEmailLookup> emailLookups;
    private final List<TokenReplyTarget> otherTargets;

    FollowUpReplies(FollowUpService followUps, ContactRepository contacts, MongoTemplate mongo, OwnerNotices notices,
                    ReplyTokens tokens, CustomerQuestion question, Clock clock, MeterRegistry metrics,
                    List<ChatEmailLookup> emailLookups, List<TokenReplyTarget> otherTargets) {
        this.emailLookups = emailLookups;
        this.otherTargets = otherTargets;
        this.followUps = followUps;
        this.contacts = contacts;
        this.mongo = mongo;
        this.notices = notices;
        this.tokens = tokens;
        this.question = question;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * A chat message from a customer: a reply in a follow-up's thread ({@code threadRef} = the ref of the
     * bot's posted follow-up message, as the adapter's sender returned it) or a DM to the bot ({@code threadRef}
     * null). Thread replies count only from a contact of the follow-up's account; DMs go to the sender's
     * latest open follow-up. The owner writing in the thread is IGNORED; anyone else is UNMATCHED.
     *
     * @param senderId the sender's Slack or Discord user id
     */
    public ReplyOutcome fromChat(Platform platform, String senderId, String threadRef, String text) {
        Optional<Contact> sender = contactByChatId(platform, senderId);
        if (threadRef != null && !threadRef.isBlank()) {
            Optional<FollowUp> byThread = findByThread(platform, threadRef);
            if (byThread.isPresent()) {
                FollowUp f = byThread.get();
                if (senderId != null && (senderId.equals(f.ownerSlackId()) || senderId.equals(f.ownerDiscordId()))) {
                    return ReplyOutcome.ignored(f.id(), "the owner wrote in the thread");
                }
                if (sender.isPresent() && (sender.get().id().equals(f.contactId())
                        || (f.accountId() != null && f.accountId().equals(sender.get().accountId())))) {
                    return attachOrAnswer(f, platform, label(sender.get()), text);
                }
                return keepUnmatched(platform, senderId, null, null, text, f.id(),
                        "sender is not a known contact of " + (f.accountName() == null ? "this account" : f.accountName()));
            }
        }
        if (sender.isEmpty()) {
            return keepUnmatched(platform, senderId, null, null, text, null, "sender is not a known contact");
        }
        return findOpenByContact(sender.get().id())
                .map(f -> attachOrAnswer(f, platform, label(sender.get()), text))
                .orElseGet(() -> keepUnmatched(platform, senderId, null, null, text, null,
                        "known contact " + sender.get().id() + " has no open follow-up"));
    }

    /**
     * An email reply: the follow-up is named by the token in the reply-to address or the subject, and the
     * sender must be that follow-up's contact.
     */
    public ReplyOutcome fromEmail(String from, String to, String subject, String text) {
        String sender = addressOf(from);
        Optional<String> token = ReplyTokens.find(to, subject);
        if (token.isEmpty()) {
            return keepUnmatched(Platform.EMAIL, sender, to, subject, text, null, "no reply token in the address or subject");
        }
        Optional<String> id = tokens.verify(token.get());
        Optional<TokenReplyTarget> other = id.flatMap(i -> otherTargets.stream().filter(t -> t.owns(i)).findFirst());
        if (other.isPresent()) {
            ReplyOutcome o = sender == null ? ReplyOutcome.refused("no sender address")
                    : other.get().reply(id.get(), sender, stripQuoted(text));
            return o.status() == ReplyOutcome.Status.UNMATCHED && o.unmatchedId() == null
                    ? keepUnmatched(Platform.EMAIL, sender, to, subject, text, null, o.reason() + " (" + id.get() + ")") : o;
        }
        Optional<FollowUp> f = id.flatMap(followUps::find);
        if (f.isEmpty()) {
            return keepUnmatched(Platform.EMAIL, sender, to, subject, text, null, "reply token is not valid");
        }
        FollowUp followUp = f.get();
        boolean fromContact = sender != null && (sender.equalsIgnoreCase(followUp.respondentEmail())
                || sender.equalsIgnoreCase(followUp.contactId()));
        if (!fromContact) {
            return keepUnmatched(Platform.EMAIL, sender, to, subject, text, followUp.id(),
                    "sender is not the follow-up's contact");
        }
        return attachOrAnswer(followUp, Platform.EMAIL, sender, stripQuoted(text));
    }

    /** A reply to the customer question that starts with yes / maybe later / no is taken as the answer. */
    private ReplyOutcome attachOrAnswer(FollowUp f, Platform channel, String from, String text) {
        Optional<CustomerQuestion.Answer> answer = CustomerQuestion.wasAsked(f)
                ? CustomerQuestion.Answer.fromText(text) : Optional.empty();
        if (answer.isPresent()) {
            boolean recorded = question.answer(f.id(), answer.get(), channel, from, text);
            return recorded ? ReplyOutcome.attached(f.id()) : ReplyOutcome.duplicate(f.id());
        }
        return attachReply(f.id(), channel, from, text);
    }

    /**
     * Stores a reply on a follow-up (one atomic update that pushes the reply and its event, and skips a
     * reply already stored from the same sender with the same text) and tells the owner.
     */
    public ReplyOutcome attachReply(String followUpId, Platform channel, String from, String text) {
        FollowUp f = followUps.get(followUpId);
        String clean = cut(text == null ? "" : text.strip());
        CustomerReply reply = new CustomerReply(clock.instant(), channel, from, clean);
        Criteria notYet = Criteria.where("replies").not().elemMatch(Criteria.where("from").is(from).and("text").is(clean));
        boolean stored = followUps.recordIf(f.id(), notYet, "REPLY", from == null ? "customer" : from,
                "via " + channel.name().toLowerCase(Locale.ROOT) + ": " + preview(clean), new Update().push("replies", reply));
        if (!stored) {
            return ReplyOutcome.duplicate(f.id());
        }
        metrics.counter("referral.replies", "channel", channel.name(), "outcome", "attached").increment();
        tellOwner(f, reply);
        return ReplyOutcome.attached(f.id());
    }

    /** The follow-up whose posted message is {@code ref} on {@code platform}. */
    public Optional<FollowUp> findByThread(Platform platform, String ref) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("messages")
                .elemMatch(Criteria.where("platform").is(platform).and("ref").is(ref))), FollowUp.class));
    }

    /** The latest open follow-up of the contact with this Slack or Discord user id. */
    public Optional<FollowUp> findByContactChatId(Platform platform, String userId) {
        return contactByChatId(platform, userId).flatMap(c -> findOpenByContact(c.id()));
    }

    /** The follow-up an email reply token stands for, when the token is genuine. */
    public Optional<FollowUp> findByEmailToken(String token) {
        return tokens.verify(token).flatMap(followUps::find);
    }

    /** Keeps a message nobody can safely claim, flagged for a person to look at. */
    public ReplyOutcome keepUnmatched(Platform channel, String from, String to, String subject, String text,
                                      String followUpHint, String reason) {
        String id = "U" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase(Locale.ROOT);
        mongo.insert(new UnmatchedReply(id, clock.instant(), channel, from, to, subject, cut(text), followUpHint, reason, true));
        metrics.counter("referral.replies", "channel", channel.name(), "outcome", "unmatched").increment();
        log.warn("Unmatched customer reply {} via {} from {}: {}", id, channel, LogSafe.mask(from), reason);
        return ReplyOutcome.unmatched(id, reason);
    }

    /** Newest first, after the cursor (null: from the newest), by the unmatched_at index. */
    public List<UnmatchedReply> unmatched(PageCursor after, int limit) {
        Query q = after == null ? new Query() : Query.query(after.after("at", Sort.Direction.DESC));
        return mongo.find(q.with(PageCursor.sort("at", Sort.Direction.DESC)).limit(limit), UnmatchedReply.class);
    }

    private void tellOwner(FollowUp f, CustomerReply reply) {
        ChatMessage m = new ChatMessage("Customer reply on follow-up " + f.id() + " from " + reply.from(),
                reply.text(), List.of(new ChatField("Account", f.accountName() == null ? "unknown" : f.accountName()),
                        new ChatField("Via", reply.channel().name().toLowerCase(Locale.ROOT))),
                List.of(), "Follow-up " + f.id() + " · stored with its replies");
        notices.tell(f, "reply:" + hash(reply.channel() + "|" + reply.from() + "|" + reply.text()), m);
    }

    private Optional<Contact> contactByChatId(Platform platform, String userId) {
        if (userId == null || userId.isBlank()) {
            return Optional.empty();
        }
        Optional<Contact> byId = platform == Platform.SLACK ? contacts.findFirstBySlackUserId(userId)
                : platform == Platform.DISCORD ? contacts.findFirstByDiscordUserId(userId) : Optional.empty();
        return byId.isPresent() ? byId : byProfileEmail(platform, userId);
    }

    /**
     * A sender the import knew only by email: the platform's profile email finds the contact, and the chat id is
     * stored on it (only where none is stored yet) so the next message needs no lookup.
     */
    private Optional<Contact> byProfileEmail(Platform platform, String userId) {
        Optional<Contact> found = emailLookups.stream().filter(l -> l.platform() == platform).findFirst()
                .flatMap(l -> l.emailOf(userId)).flatMap(email -> contacts.findById(Contact.idFor(email)));
        if (found.isEmpty()) {
            return found;
        }
        String field = platform == Platform.SLACK ? "slackUserId" : "discordUserId";
        mongo.updateFirst(Query.query(Criteria.where("_id").is(found.get().id()).and(field).is(null)),
                new Update().set(field, userId), Contact.class);
        log.info("Matched chat user {} to contact {} by profile email", LogSafe.mask(userId), LogSafe.email(found.get().id()));
        return found;
    }

    private Optional<FollowUp> findOpenByContact(String contactId) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("contactId").is(contactId)
                        .and("state").ne(FollowUpState.CLOSED)).with(Sort.by(Sort.Direction.DESC, "createdAt")).limit(1),
                FollowUp.class));
    }

    private static String label(Contact c) {
        return c.email();
    }

    /** "Alice <alice@acme.com>" → "alice@acme.com". */
    static String addressOf(String from) {
        if (from == null) {
            return null;
        }
        Matcher m = ADDRESS.matcher(from.trim());
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : from.trim().toLowerCase(Locale.ROOT);
    }

    /** Drops the quoted original that mail clients append ("On ... wrote:" and "> " lines). */
    static String stripQuoted(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (String line : text.split("\\r?\\n", -1)) {
            String t = line.trim();
            if ((t.startsWith("On ") && t.endsWith("wrote:")) || t.startsWith("-----Original Message-----")) {
                break;
            }
            if (!t.startsWith(">")) {
                b.append(line).append('\n');
            }
        }
        String out = b.toString().strip();
        return out.isEmpty() ? text.strip() : out;
    }

    private static String cut(String text) {
        if (text == null) {
            return null;
        }
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
    }

    private static String preview(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 80) + "…";
    }

    private static String hash(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
