package com.referralloop.referral;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.chat.ChatUser;
import com.referralloop.chat.Platform;
import com.referralloop.command.ChatCommand;
import com.referralloop.command.ChatReply;
import com.referralloop.command.CommandRouter;
import com.referralloop.support.Http;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import java.util.Set;

/** Accounts, contacts and chat users shared by the referral-program command tests. */
public final class ProgramFixture {

    /** Owner of Acme by email. */
    public static final ChatUser OWNER = new ChatUser(Platform.WEB, "rep", "Rita Rep", "rep@vendor.com");
    /** Owner of Globex, on Slack without an email, matched by the owner Slack id. */
    public static final ChatUser OTHER_REP = new ChatUser(Platform.SLACK, "U0OTHER", "Otto", null);
    /** Admin by Slack user group. */
    public static final ChatUser ADMIN = new ChatUser(Platform.SLACK, "U0ADMIN", "Ada", null, Set.of("S0ADMINS"));
    /** Knows nobody's accounts. */
    public static final ChatUser STRANGER = new ChatUser(Platform.DISCORD, "999999", "Stan", "stan@elsewhere.com");

    private ProgramFixture() {
    }

    public static void seed(Http http) {
        String csv = """
                account_id,account_name,owner_email,owner_slack_id,owner_discord_id,manager_email,cs_channel,contact_email,contact_name,contact_slack_id
                A-1,Acme,rep@vendor.com,,,boss@vendor.com,C-CS,alice@acme.com,Alice Smith,U0ALICE
                A-1,Acme,rep@vendor.com,,,boss@vendor.com,C-CS,bob@acme.com,Bob Jones,
                A-2,Globex,other@vendor.com,U0OTHER,,,,carol@globex.com,Carol King,
                A-3,Initech,other@vendor.com,U0OTHER,,,,dave@initech.com,Dave Lo,
                """;
        var r = http.post("/api/accounts/import", "text/csv", csv, Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    /**
     * Empties the store, imports the accounts and makes Acme and Globex reference customers for the
     * request tests: one reference project each, Alice active, Bob passive (not requestable) and Carol sales consent.
     */
    public static void freshReferenceCustomers(MongoTemplate mongo, Http http, CommandRouter router) {
        clean(mongo);
        seed(http);
        succeeds(run(router, OWNER, "reference", "project add A-1 \"CRM migration\" strengths=migration industry=retail"));
        succeeds(run(router, OTHER_REP, "reference", "project add A-2 \"Data lake\" strengths=migration"));
        succeeds(run(router, OWNER, "referral", "consent alice@acme.com level=active"));
        succeeds(run(router, OWNER, "referral", "consent bob@acme.com level=passive"));
        succeeds(run(router, OTHER_REP, "referral", "consent carol@globex.com level=sales"));
    }

    private static void succeeds(ChatReply reply) {
        assertThat(reply.error()).as(reply.text()).isFalse();
    }

    /**
     * Empties every collection. Deleting documents rather than dropping the database avoids racing
     * the background sweepers of the embedded store, which fail while an index is being dropped.
     */
    public static void clean(MongoTemplate mongo) {
        for (String name : mongo.getCollectionNames()) {
            mongo.getCollection(name).deleteMany(new Document());
        }
    }

    public static ChatReply run(CommandRouter router, ChatUser user, String command, String text) {
        return router.handle(new ChatCommand(command, text, user));
    }
}
