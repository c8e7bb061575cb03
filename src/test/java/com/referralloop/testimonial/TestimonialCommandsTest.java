package com.referralloop.testimonial;

import static com.referralloop.referral.ProgramFixture.ADMIN;
import static com.referralloop.referral.ProgramFixture.OTHER_REP;
import static com.referralloop.referral.ProgramFixture.OWNER;
import static com.referralloop.referral.ProgramFixture.STRANGER;
import static com.referralloop.referral.ProgramFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.command.ChatReply;
import com.referralloop.command.CommandRouter;
import com.referralloop.referral.ProgramFixture;
import com.referralloop.support.Http;
import com.referralloop.support.IntegrationTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

@IntegrationTest
class TestimonialCommandsTest {

    private static final Pattern ID = Pattern.compile("Testimonial (T[A-Z0-9]{6})");

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    CommandRouter router;
    @Autowired
    TestimonialService service;

    @BeforeEach
    void setUp() {
        ProgramFixture.clean(mongo);
        ProgramFixture.seed(new Http(port));
    }

    private String add(String text) {
        ChatReply r = run(router, OWNER, "testimonial", "add " + text);
        assertThat(r.error()).as(r.text()).isFalse();
        Matcher m = ID.matcher(r.text());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void quoteGoesFromPendingToApprovedToPublishedWithConsentCoveringQuote() {
        run(router, OWNER, "referral", "consent alice@acme.com level=passive scope=logo");
        String id = add("alice@acme.com \u201CThey answer before we finish asking.\u201D");
        assertThat(service.get(id).state()).isEqualTo(TestimonialState.PENDING_CUSTOMER);

        ChatReply approved = run(router, OWNER, "testimonial", "approve " + id + " evidence=\"https://mail/123\"");
        assertThat(approved.text()).contains("approved by the customer; its text is frozen");
        Testimonial t = service.get(id);
        assertThat(t.approvedQuote()).isEqualTo("They answer before we finish asking.");
        assertThat(t.approvals()).extracting(Testimonial.Approval::evidence).containsExactly("https://mail/123");

        // consent covers logo only: publication refused
        ChatReply refused = run(router, OWNER, "testimonial", "publish " + id);
        assertThat(refused.error()).isTrue();
        assertThat(refused.text()).contains("needs live consent whose scope includes quote");

        run(router, OWNER, "referral", "consent alice@acme.com level=passive scope=logo,quote");
        ChatReply published = run(router, ADMIN, "testimonial", "publish " + id.toLowerCase());
        assertThat(published.text()).contains("is now published");

        // withdrawal shows at once on the list
        run(router, OWNER, "referral", "withdraw alice@acme.com");
        ChatReply list = run(router, OTHER_REP, "testimonial", "list status=published");
        assertThat(list.text()).contains(id).contains("consent lapsed: take it down");
    }

    @Test
    void editOfApprovedTextStartsANewApprovalAndRejectionNeedsAReason() {
        String id = add("alice@acme.com \"Good.\"");
        run(router, OWNER, "testimonial", "approve " + id + " evidence=call");
        ChatReply edited = run(router, OWNER, "testimonial", "edit " + id + " \"Very good.\"");
        assertThat(edited.text()).contains("pending customer again");
        Testimonial t = service.get(id);
        assertThat(t.approvedQuote()).isEqualTo("Good.");
        assertThat(t.quote()).isEqualTo("Very good.");
        assertThat(run(router, OWNER, "testimonial", "publish " + id).text()).contains("cannot become published");

        ChatReply noReason = run(router, OWNER, "testimonial", "reject " + id);
        ChatReply rejected = run(router, OWNER, "testimonial", "reject " + id + " reason=\"legal said no\"");
        assertThat(noReason.text()).contains("missing reason=").contains("Usage: /testimonial reject");
        assertThat(rejected.text()).contains("rejected: legal said no");
        assertThat(service.get(id).history()).hasSize(4);
    }

    @Test
    void draftsAreSubmittedAndMistakesNamed() {
        String id = add("bob@acme.com \"Draft words\" draft=yes");
        assertThat(service.get(id).state()).isEqualTo(TestimonialState.DRAFT);
        assertThat(run(router, OWNER, "testimonial", "approve " + id + " evidence=x").text()).contains("is draft; it cannot become approved");
        assertThat(run(router, OWNER, "testimonial", "submit " + id).text()).contains("pending customer");

        assertThat(run(router, OWNER, "testimonial", "add bob@acme.com").text()).contains("missing the quote").contains("Usage:");
        assertThat(run(router, OWNER, "testimonial", "add bob@acme.com \"unclosed").text()).contains("a quote (\") is not closed");
        assertThat(run(router, OWNER, "testimonial", "approve " + id).text()).contains("missing evidence=");
        assertThat(run(router, OWNER, "testimonial", "publish TNOPE99").text()).contains("no testimonial with id TNOPE99");
        assertThat(run(router, OWNER, "testimonial", "list status=lost").text()).contains("status must be one of");
        assertThat(run(router, OWNER, "testimonial", "list status=pending").text()).contains(id);
    }

    @Test
    void onlyOwnerOrAdminMayChangeTestimonialsAndOnlyRepsList() {
        String id = add("alice@acme.com \"Fine.\"");
        assertThat(run(router, OTHER_REP, "testimonial", "add alice@acme.com \"x\"").text()).contains("Only the owner of Acme");
        assertThat(run(router, OTHER_REP, "testimonial", "approve " + id + " evidence=x").text()).contains("Only the owner of Acme");
        assertThat(run(router, STRANGER, "testimonial", "reject " + id + " reason=x").text()).contains("Only the owner of Acme");
        assertThat(run(router, STRANGER, "testimonial", "publish " + id).text()).contains("Only the owner of Acme");
        assertThat(run(router, STRANGER, "testimonial", "edit " + id + " \"y\"").text()).contains("Only the owner of Acme");
        assertThat(run(router, STRANGER, "testimonial", "submit " + id).text()).contains("Only the owner of Acme");
        assertThat(run(router, STRANGER, "testimonial", "list").text()).contains("Only account owners");
        assertThat(service.get(id).state()).isEqualTo(TestimonialState.PENDING_CUSTOMER);
    }

    @Test
    void submitAndEditMistakesAreNamed() {
        String id = add("alice@acme.com \"Fine.\"");
        assertThat(run(router, OWNER, "testimonial", "submit").text()).contains("missing the testimonial id").contains("Usage: /testimonial submit");
        assertThat(run(router, OWNER, "testimonial", "submit " + id).text()).contains("is pending customer; it cannot become pending customer");
        assertThat(run(router, OWNER, "testimonial", "edit " + id).text()).contains("missing the new quote").contains("Usage: /testimonial edit");
        assertThat(run(router, OWNER, "testimonial", "edit " + id + " \"a\" \"b\" \"c\"").text()).contains("unexpected extra words: b c");
    }
}
