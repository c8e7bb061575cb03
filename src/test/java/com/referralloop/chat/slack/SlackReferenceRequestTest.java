package com.referralloop.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.referralloop.referral.ReferenceAsk;
import com.referralloop.request.ReferenceRequest;
import com.referralloop.request.RequestActions;
import com.referralloop.request.RequestState;
import com.referralloop.support.FakeSlackApi;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The request loop end to end over signed Slack requests and the fake Web API: a seller who owns no account
 * finds a reference, requests it with the button's form, the owner approves, the customer says yes in Slack,
 * both get the introduction, and the seller records the won deal.
 */
class SlackReferenceRequestTest extends SlackTestBase {

    static final String SELLER = "USELLER1";
    static final String ALICE = "UALICE01";

    @BeforeEach
    void world() {
        importAccounts("""
                account_id,account_name,owner_email,owner_slack_id,owner_discord_id,manager_email,cs_channel,contact_email,contact_name,contact_slack_id,preferred_channel
                A-1,Acme,rep@vendor.com,UREP1,,boss@vendor.com,CCS,alice@acme.com,Alice Smith,UALICE01,slack
                """);
        slack.user(SELLER, "seller@vendor.com");
        ok(say("/referral", "consent alice@acme.com level=active evidence=\"call on 2026-12-01\"", REP, "c1"));
        ok(say("/reference", "project add A-1 \"CRM migration\" strengths=migration industry=retail", REP, "c2"));
    }

    @Test
    void aSellerFindsRequestsAndTheOwnerApprovesTheCustomerSaysYesAndTheWonDealIsCounted() {
        // WHEN a seller who owns no account searches
        String found = say("/reference", "find strength=migration", SELLER, "find");
        // THEN they see the reference without the contact's email, with a Request button
        assertThat(found).contains("Alice Smith").contains("Acme").contains("CRM migration").doesNotContain("alice@acme.com");
        Matcher id = Pattern.compile("id (P[A-Z0-9]{6}\\.K[A-Z0-9]{6})").matcher(found);
        assertThat(id.find()).as(found).isTrue();
        String handle = id.group(1);

        // WHEN they click Request #1 / THEN the form opens; its submission stores the request and the owner gets the card
        assertThat(click(RequestActions.OPEN, handle + "||strength=migration", "b1", SELLER, "open").statusCode()).isEqualTo(200);
        FakeSlackApi.Call open = awaitCall("views.open");
        JsonNode view = JSON.readTree(open.param("view"));
        assertThat(view.path("title").path("text").asString()).startsWith("Request reference");
        HttpResponse<String> submitted = submit(view.path("private_metadata").asString(), SELLER,
                Map.of("for", "Hooli", "industry", "retail", "amount", "24k"));
        assertThat(submitted.statusCode()).isEqualTo(200);
        assertThat(submitted.body()).doesNotContain("errors");
        ReferenceRequest r = await().atMost(Duration.ofSeconds(10)).until(() -> mongo.findAll(ReferenceRequest.class),
                l -> l.size() == 1).get(0);
        assertThat(r.state()).isEqualTo(RequestState.REQUESTED);
        assertThat(r.amount()).isEqualTo(24_000L);
        FakeSlackApi.Call card = awaitPost(to("UREP1").and(c -> c.body().contains(RequestActions.APPROVE)));
        assertThat(card.body()).contains("Hooli").contains(r.id());
        // and it waits in the owner's App Home
        signed("application/json", homeOpenedEvent("EvHomeReq-" + r.id(), REP));
        FakeSlackApi.Call home = awaitCall("views.publish");
        assertThat(home.param("view")).contains("wait for your approval").contains(r.id());

        // WHEN the owner approves / THEN the ask is counted and Alice is asked in Slack, told only the industry
        assertThat(click(RequestActions.APPROVE, r.id(), "b2", REP, "approve").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> state(r.id()) == RequestState.APPROVED);
        assertThat(mongo.findAll(ReferenceAsk.class)).hasSize(1);
        FakeSlackApi.Call question = awaitPost(to(ALICE).and(c -> c.body().contains(RequestActions.CUSTOMER_YES)));
        assertThat(question.body()).contains("retail").doesNotContain("Hooli");
        FakeSlackApi.Call told = awaitPost(to(SELLER).and(c -> c.body().contains("approved")));
        assertThat(told.body()).contains(r.id());

        // WHEN someone other than Alice clicks her Yes / THEN nothing moves
        click(RequestActions.CUSTOMER_YES, r.id(), "b3", SELLER, "fakeyes");
        await().atMost(Duration.ofSeconds(10)).until(() -> !slack.calls("respond:fakeyes").isEmpty());
        assertThat(state(r.id())).isEqualTo(RequestState.APPROVED);

        // WHEN Alice says yes / THEN the seller and the owner get the introduction with her email
        click(RequestActions.CUSTOMER_YES, r.id(), "b4", ALICE, "yes");
        await().atMost(Duration.ofSeconds(10)).until(() -> state(r.id()) == RequestState.INTRODUCED);
        assertThat(awaitPost(to(SELLER).and(c -> c.body().contains("Introduction"))).body()).contains("alice@acme.com");
        assertThat(awaitPost(to("UREP1").and(c -> c.body().contains("Introduction"))).body()).contains("alice@acme.com");

        // WHEN the seller records the won deal / THEN it counts as influenced revenue
        assertThat(say("/reference", "outcome " + r.id() + " won 24k", SELLER, "won")).contains("24,000");
        ReferenceRequest won = mongo.findById(r.id(), ReferenceRequest.class);
        assertThat(won.state()).isEqualTo(RequestState.WON);
        assertThat(won.wonAmount()).isEqualTo(24_000L);
        assertThat(won.events()).extracting(e -> e.to()).containsExactly(RequestState.REQUESTED, RequestState.APPROVED,
                RequestState.INTRODUCED, RequestState.WON);
        assertThat(say("/reference", "influence", REP, "influence")).contains("Acme: 24,000 (1 deal)");
        assertThat(say("/referral", "status alice@acme.com", REP, "status-contact"))
                .contains("Reference requests: 1 deal(s) won worth 24,000 from 1 request(s)");
        assertThat(say("/referral", "status A-1", REP, "status-account"))
                .contains("Influenced revenue: 1 deal(s) won worth 24,000 from 1 request(s)");
        // and the seller's App Home shows what their requests helped win
        signed("application/json", homeOpenedEvent("EvHomeSeller-" + r.id(), SELLER));
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("views.publish").stream()
                .anyMatch(c -> SELLER.equals(c.param("user_id"))));
        assertThat(slack.calls("views.publish").stream().filter(c -> SELLER.equals(c.param("user_id"))).findFirst()
                .orElseThrow().param("view")).contains("Influenced by references you requested: 1 deal(s) won worth 24,000");
        assertThat(say("/referral", "stats period=7d", REP, "stats"))
                .contains("reference requests: 1 made, 1 of them introduced, 1 deal(s) won worth 24,000");
        // and a second click on Approve is refused with the state it is in
        click(RequestActions.APPROVE, r.id(), "b5", REP, "again");
        await().atMost(Duration.ofSeconds(10)).until(() -> !slack.calls("respond:again").isEmpty());
        assertThat(slack.calls("respond:again").get(0).param("text")).contains("is won");
    }

    @Test
    void guestsExternalAndOtherWorkspacesAreRefusedAndNothingIsStored() {
        slack.userWith("UGUEST01", "guest@partner.com", "\"is_restricted\":true");
        slack.userWith("USTRANG1", null, "\"is_stranger\":true");
        slack.userWith("UOTHER01", "x@other.com", "\"team_id\":\"T0OTHER\"");
        for (String outsider : List.of("UGUEST01", "USTRANG1", "UOTHER01")) {
            String answer = say("/reference", "find strength=migration", outsider, "out-" + outsider);
            assertThat(answer).contains("Only members of the company's workspace").doesNotContain("Alice").doesNotContain("Acme");
            String req = say("/reference", "request P2345678 for=Hooli", outsider, "req-" + outsider);
            assertThat(req).contains("Only members of the company's workspace");
        }
        assertThat(mongo.findAll(ReferenceRequest.class)).isEmpty();
    }

    private RequestState state(String id) {
        ReferenceRequest r = mongo.findById(id, ReferenceRequest.class);
        return r == null ? null : r.state();
    }

    private static Predicate<FakeSlackApi.Call> to(String user) {
        return c -> user.equals(c.param("channel")) || ("D" + user).equals(c.param("channel"));
    }

    private static void ok(String answer) {
        assertThat(answer).doesNotContain("Usage:").doesNotContain("Only ");
    }

    /** The decoded body of the first chat.postMessage that matches. */
    private FakeSlackApi.Call awaitPost(Predicate<FakeSlackApi.Call> p) {
        await().atMost(Duration.ofSeconds(15)).until(() -> slack.calls("chat.postMessage").stream().anyMatch(p));
        FakeSlackApi.Call c = slack.calls("chat.postMessage").stream().filter(p).findFirst().orElseThrow();
        return new FakeSlackApi.Call(c.method(), c.params(), unescape(URLDecoder.decode(c.body(), StandardCharsets.UTF_8)
                .replace("\\u0026", "&")), c.at());
    }

}
