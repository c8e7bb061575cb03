package com.referralloop.testimonial;

import static com.referralloop.command.CommandArgs.required;

import com.referralloop.account.Contact;
import com.referralloop.chat.ChatUser;
import com.referralloop.command.ChatLists;
import com.referralloop.command.ChatReply;
import com.referralloop.command.CommandArgs;
import com.referralloop.command.CommandException;
import com.referralloop.command.CommandHandler;
import com.referralloop.command.SimpleHandler;
import com.referralloop.referral.ContactResolver;
import com.referralloop.referral.Permissions;
import com.referralloop.support.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code /testimonial} sub-commands. */
@Configuration(proxyBeanMethods = false)
class TestimonialCommands {

    @Bean
    CommandHandler testimonialAdd(TestimonialService service, ContactResolver resolver) {
        return new SimpleHandler("testimonial", "add", "/testimonial add <contact> \"<quote>\" [project=<id>] [draft=yes]",
                "record a customer quote; it waits for the customer's approval (or stays a draft)", (args, user) -> {
            args.allowOnly("project", "draft");
            args.atMost(2);
            Contact c = resolver.contact(required(args.positional(0), "the contact (email or chat mention)"));
            Testimonial t = service.add(user, c, required(args.positional(1), "the quote, in double quotes"),
                    args.option("project"), yes(args.option("draft")));
            return ChatReply.ephemeral("Testimonial " + t.id() + " from " + c.email() + " is " + t.state().word()
                    + ". When the customer agrees: /testimonial approve " + t.id() + " evidence=<link or note>");
        });
    }

    @Bean
    CommandHandler testimonialSubmit(TestimonialService service) {
        return idCommand("submit", "/testimonial submit <id>", "send a draft for the customer's approval",
                (args, user, id) -> service.submit(user, id));
    }

    @Bean
    CommandHandler testimonialEdit(TestimonialService service) {
        return new SimpleHandler("testimonial", "edit", "/testimonial edit <id> \"<new quote>\"",
                "change the text; the customer must approve it again", (args, user) -> {
            args.allowOnly();
            args.atMost(2);
            Testimonial t = service.edit(user, required(args.positional(0), "the testimonial id"),
                    required(args.positional(1), "the new quote, in double quotes"));
            return ChatReply.ephemeral("Testimonial " + t.id() + " changed; it is " + t.state().word() + " again.");
        });
    }

    @Bean
    CommandHandler testimonialApprove(TestimonialService service) {
        return new SimpleHandler("testimonial", "approve", "/testimonial approve <id> evidence=<link or note>",
                "record the customer's approval of the current text, with its evidence", (args, user) -> {
            args.allowOnly("evidence");
            args.atMost(1);
            Testimonial t = service.approve(user, required(args.positional(0), "the testimonial id"), args.option("evidence"));
            return ChatReply.ephemeral("Testimonial " + t.id() + " approved by the customer; its text is frozen."
                    + " Publish with /testimonial publish " + t.id());
        });
    }

    @Bean
    CommandHandler testimonialReject(TestimonialService service) {
        return new SimpleHandler("testimonial", "reject", "/testimonial reject <id> reason=\"...\"",
                "reject a testimonial, saying why", (args, user) -> {
            args.allowOnly("reason");
            args.atMost(1);
            Testimonial t = service.reject(user, required(args.positional(0), "the testimonial id"), args.option("reason"));
            return ChatReply.ephemeral("Testimonial " + t.id() + " rejected: " + t.rejectionReason() + ".");
        });
    }

    @Bean
    CommandHandler testimonialPublish(TestimonialService service) {
        return idCommand("publish", "/testimonial publish <id>",
                "publish an approved testimonial (needs live consent covering quote)", (args, user, id) -> service.publish(user, id));
    }

    @Bean
    CommandHandler testimonialList(TestimonialService service, ContactResolver resolver, Permissions permissions) {
        String states = String.join("|", Arrays.stream(TestimonialState.values()).map(s -> s.name().toLowerCase(Locale.ROOT)).toList());
        return new SimpleHandler("testimonial", "list", "/testimonial list [status=" + states + "] [contact=<contact>]",
                "testimonials, newest first; pending is short for pending_customer", (args, user) -> {
            args.allowOnly("status", "contact");
            args.atMost(0);
            permissions.requireRep(user, "list testimonials");
            TestimonialState state = parseState(args.option("status"), states);
            String contactId = args.option("contact") == null ? null : resolver.contact(args.option("contact")).id();
            List<Testimonial> list = service.list(state, contactId, ChatLists.SHOWN + 1);
            if (list.isEmpty()) {
                return ChatReply.ephemeral("No testimonials" + (state == null ? "" : " " + state.word()) + ".");
            }
            StringBuilder b = new StringBuilder("Testimonials:\n");
            for (Testimonial t : list.subList(0, Math.min(ChatLists.SHOWN, list.size()))) {
                b.append("• ").append(t.id()).append(" — ").append(t.contactId()).append(", ").append(t.state().word())
                        .append(service.consentLapsed(t) ? " (consent lapsed: take it down)" : "")
                        .append(t.rejectionReason() == null ? "" : " (" + t.rejectionReason() + ")")
                        .append(": “").append(abbreviate(t.quote())).append("”\n");
            }
            if (list.size() > ChatLists.SHOWN) {
                b.append(ChatLists.more(service.count(state, contactId) - ChatLists.SHOWN, narrowing(state, contactId, states)));
            }
            return ChatReply.ephemeral(b.toString().trim());
        });
    }

    interface IdAction {
        Testimonial apply(CommandArgs args, ChatUser user, String id);
    }

    private static CommandHandler idCommand(String sub, String usage, String summary, IdAction action) {
        return new SimpleHandler("testimonial", sub, usage, summary, (args, user) -> {
            args.allowOnly();
            args.atMost(1);
            Testimonial t = action.apply(args, user, required(args.positional(0), "the testimonial id (e.g. T7KQ2MX)"));
            return ChatReply.ephemeral("Testimonial " + t.id() + " is now " + t.state().word() + ".");
        });
    }

    static TestimonialState parseState(String raw, String states) {
        if (raw == null) {
            return null;
        }
        String s = raw.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        if (s.equals("PENDING")) {
            return TestimonialState.PENDING_CUSTOMER;
        }
        return Arrays.stream(TestimonialState.values()).filter(v -> v.name().equals(s)).findFirst()
                .orElseThrow(() -> new InvalidInputException("status must be one of " + states + ", not '" + raw + "'"));
    }

    private static boolean yes(String s) {
        return s != null && (s.equalsIgnoreCase("yes") || s.equalsIgnoreCase("true"));
    }

    /** The filters of /testimonial list not used yet, in the command's own syntax. */
    private static String narrowing(TestimonialState state, String contactId, String states) {
        if (state != null && contactId != null) {
            return "only the newest " + ChatLists.SHOWN + " of this contact's " + state.word() + " testimonials are shown";
        }
        String status = "status=<" + states + ">";
        String contact = "contact=<contact>";
        return "narrow with /testimonial list " + (state == null && contactId == null ? status + " or " + contact
                : state == null ? status : contact);
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 79) + "…";
    }

}
