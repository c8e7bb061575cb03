package com.referralloop.referral;

import static com.referralloop.referral.ProgramFixture.OTHER_REP;
import static com.referralloop.referral.ProgramFixture.OWNER;
import static com.referralloop.referral.ProgramFixture.STRANGER;
import static com.referralloop.referral.ProgramFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.command.ChatReply;
import com.referralloop.command.CommandRouter;
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
class ReferralCommandsTest {

    private static final Pattern ID = Pattern.compile("referral (L[A-Z0-9]{6})");

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    CommandRouter router;
    @Autowired
    ReferralService referrals;

    @BeforeEach
    void setUp() {
        ProgramFixture.clean(mongo);
        ProgramFixture.seed(new Http(port));
    }

    private String log(String text) {
        ChatReply r = run(router, OWNER, "referral", "log " + text);
        assertThat(r.error()).as(r.text()).isFalse();
        Matcher m = ID.matcher(r.text());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void treeCountsGenerationsAndWonValue() {
        // GIVEN Alice refers three people; one of them refers two more, one of whom refers another
        String l1 = log("alice@acme.com referred=\"Zed Zhu\" company=Hooli");
        log("alice@acme.com referred=yan@umbrella.com");
        log("alice@acme.com referred=Xia status=contacted");
        String l21 = log("parent=" + l1 + " referred=\"Will W\"");
        log("parent=" + l1 + " referred=Vic");
        String l3 = log("parent=" + l21 + " referred=Uma");

        // WHEN one is won with its value
        ChatReply won = run(router, OTHER_REP, "referral", "update " + l3 + " status=won value=12k");

        // THEN the tree reads 3 direct, 6 in all across 3 generations, 1 won worth 12000
        assertThat(won.text()).contains("is now won (value 12000)");
        assertThat(referrals.get(l3).generation()).isEqualTo(3);
        assertThat(referrals.get(l21).referrerName()).isEqualTo("Zed Zhu");
        ChatReply status = run(router, OWNER, "referral", "status alice@acme.com");
        assertThat(status.text()).contains("3 direct, 6 in all across 3 generations; 1 won worth 12000");
    }

    @Test
    void mistakesAreNamed() {
        ChatReply noReferred = run(router, OWNER, "referral", "log alice@acme.com company=Hooli");
        ChatReply badParent = run(router, OWNER, "referral", "log alice@acme.com referred=X parent=LNOPE12");
        ChatReply badStatus = run(router, OWNER, "referral", "log alice@acme.com referred=X status=maybe");
        ChatReply badValue = run(router, OWNER, "referral", "log alice@acme.com referred=X value=lots");
        ChatReply badUpdate = run(router, OWNER, "referral", "update LNOPE12 status=won");

        assertThat(noReferred.text()).contains("missing referred=").contains("Usage: /referral log");
        assertThat(badParent.text()).contains("no referral with id LNOPE12");
        assertThat(badStatus.text()).contains("status must be one of new|contacted|qualified|won|lost");
        assertThat(badValue.text()).contains("value must be an amount");
        assertThat(badUpdate.text()).contains("no referral with id").contains("Usage: /referral update");
        assertThat(referrals.summary("alice@acme.com").all()).isZero();
    }

    @Test
    void strangersMayNotLogOrUpdate() {
        String id = log("alice@acme.com referred=Zed");
        ChatReply logged = run(router, STRANGER, "referral", "log alice@acme.com referred=Y");
        ChatReply updated = run(router, STRANGER, "referral", "update " + id + " status=won");
        assertThat(logged.text()).contains("Only account owners and referral-program admins may log referrals");
        assertThat(updated.text()).contains("may update referrals");
        assertThat(referrals.get(id).status()).isEqualTo(ReferralStatus.NEW);
    }

    @Test
    void statsCountWhatTheProgramProduced() {
        run(router, OWNER, "referral", "consent alice@acme.com level=active");
        run(router, OWNER, "referral", "withdraw alice@acme.com");
        String id = log("alice@acme.com referred=Zed");
        run(router, OWNER, "referral", "update " + id + " status=won value=5000");

        ChatReply stats = run(router, OTHER_REP, "referral", "stats period=7d");
        ChatReply bad = run(router, OWNER, "referral", "stats period=forever");
        ChatReply stranger = run(router, STRANGER, "referral", "stats");

        assertThat(stats.text()).contains("last 7d").contains("consents recorded: 1, withdrawn: 1")
                .contains("referrals logged: 1, won: 1 worth 5000").contains("testimonials published: 0");
        assertThat(bad.text()).contains("'forever' is not a duration").contains("Usage: /referral stats");
        assertThat(stranger.text()).contains("Only account owners");
    }
}
