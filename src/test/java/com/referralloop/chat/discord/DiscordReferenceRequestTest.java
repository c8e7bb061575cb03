package com.referralloop.chat.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.referralloop.chat.outbox.Outbox;
import com.referralloop.chat.outbox.OutboxMessage;
import com.referralloop.chat.outbox.OutboxState;
import com.referralloop.command.ActionRouter;
import com.referralloop.command.CommandRouter;
import com.referralloop.referral.ReferenceAsk;
import com.referralloop.request.ReferenceRequest;
import com.referralloop.request.RequestActions;
import com.referralloop.request.RequestState;
import com.referralloop.support.Http;
import com.referralloop.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.modals.Modal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** The request loop on Discord: mocked JDA events into the real command layer, store and outbox. */
@IntegrationTest
@Import(DiscordTestConfiguration.class)
class DiscordReferenceRequestTest {

    static final String OWNER = "U-owner";
    static final String SELLER = "515151515151";
    static final String ALICE = "424242424242";

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    CommandRouter commandRouter;
    @Autowired
    ActionRouter actionRouter;
    @Autowired
    Outbox outbox;

    DiscordInteractionListener listener;

    @AfterEach
    void settle() {
        await().atMost(Duration.ofSeconds(15)).until(() -> outbox.count(OutboxState.PENDING) == 0);
    }

    @BeforeEach
    void setUp() {
        mongo.getCollectionNames().forEach(n -> mongo.getCollection(n).deleteMany(new org.bson.Document()));
        DiscordTestConfiguration.DISCORD.reset();
        listener = new DiscordInteractionListener(commandRouter, actionRouter, outbox, Runnable::run);
        String csv = """
                account_id,account_name,owner_email,owner_discord_id,contact_email,contact_name,contact_discord_id,preferred_channel
                A-1,Acme,rep@vendor.com,%s,alice@acme.com,Alice Smith,%s,discord
                """.formatted(OWNER, ALICE);
        assertThat(new Http(port).post("/api/accounts/import", "text/csv", csv, Map.of()).statusCode()).isEqualTo(200);
        slash(owner(), "referral", "consent", "member", ALICE, "level", "active");
        DiscordTester project = owner();
        listener.onSlashCommandInteraction(project.slash("reference", "project", "add").option("account", "A-1")
                .option("title", "CRM migration").option("strengths", "migration").build());
        assertThat(project.lastAnswer()).contains("Added reference project");
    }

    @Test
    void aSellerRequestsOnDiscordTheOwnerApprovesAliceSaysYesAndTheWinIsCounted() {
        // WHEN a server member who owns nothing searches
        DiscordTester find = seller();
        listener.onSlashCommandInteraction(find.slash("reference", "find").option("strength", "migration").build());
        String found = find.lastAnswer();
        assertThat(found).contains("Alice Smith").doesNotContain("alice@acme.com");
        assertThat(find.sent.hookEdits.getValue().getComponents().toString()).contains(RequestActions.OPEN);
        Matcher id = Pattern.compile("id (P[A-Z0-9]{6}\\.K[A-Z0-9]{6})").matcher(found);
        assertThat(id.find()).as(found).isTrue();

        // WHEN they click Request #1 / THEN the modal opens; its submission stores the request
        DiscordTester click = seller();
        listener.onButtonInteraction(click.button(RequestActions.OPEN + ":" + id.group(1) + "||strength=migration"));
        Modal modal = click.sent.modals.getValue();
        assertThat(modal.getComponents()).hasSizeLessThanOrEqualTo(5);
        DiscordTester submit = seller();
        listener.onModalInteraction(submit.modal(modal.getId(), "for", "Hooli", "industry", "retail", "amount", "24k D-88"));
        assertThat(submit.lastAnswer()).contains("Requested");
        ReferenceRequest r = mongo.findAll(ReferenceRequest.class).get(0);
        assertThat(r.deal()).isEqualTo("D-88");
        assertThat(posted("request:" + r.id() + ":requested:owner")).extracting(m -> m.target().destination()).contains("dm:" + OWNER);

        // WHEN the owner approves with the card's button / THEN Alice is asked in a Discord DM
        DiscordTester approve = owner();
        listener.onButtonInteraction(approve.button(RequestActions.APPROVE + ":" + r.id()));
        assertThat(state(r)).isEqualTo(RequestState.APPROVED);
        assertThat(mongo.findAll(ReferenceAsk.class)).hasSize(1);
        assertThat(posted("request:" + r.id() + ":ask-customer")).singleElement()
                .satisfies(m -> assertThat(m.target().destination()).isEqualTo("dm:" + ALICE));

        // WHEN Alice clicks Yes in her DM / THEN both get the introduction
        DiscordTester yes = new DiscordTester().user(ALICE, "Alice").inDm();
        listener.onButtonInteraction(yes.button(RequestActions.CUSTOMER_YES + ":" + r.id()));
        assertThat(state(r)).isEqualTo(RequestState.INTRODUCED);
        assertThat(posted("request:" + r.id() + ":introduction")).hasSize(2)
                .allSatisfy(m -> assertThat(m.message().plainText()).contains("alice@acme.com"));

        // WHEN the seller records the win / THEN it is influenced revenue
        DiscordTester won = seller();
        listener.onSlashCommandInteraction(won.slash("reference", "outcome").option("id", r.id()).option("outcome", "won")
                .option("amount", "24k").build());
        assertThat(won.lastAnswer()).contains("24,000 influenced");
        assertThat(mongo.findById(r.id(), ReferenceRequest.class).wonAmount()).isEqualTo(24_000L);
    }

    private RequestState state(ReferenceRequest r) {
        return mongo.findById(r.id(), ReferenceRequest.class).state();
    }

    private List<OutboxMessage> posted(String keyPrefix) {
        return mongo.find(Query.query(Criteria.where("dedupeKey").regex("^" + Pattern.quote(keyPrefix))), OutboxMessage.class);
    }

    private DiscordTester owner() {
        return new DiscordTester().user(OWNER, "Rita");
    }

    private DiscordTester seller() {
        return new DiscordTester().user(SELLER, "Sam");
    }

    private void slash(DiscordTester t, String command, String sub, String memberOption, String member, String key, String value) {
        listener.onSlashCommandInteraction(t.slash(command, sub).userOption(memberOption, member).option(key, value).build());
        assertThat(t.lastAnswer()).doesNotContain("Usage");
    }
}
