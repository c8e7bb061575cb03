package com.referralloop.referral;

import static com.referralloop.referral.ProgramFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.chat.ChatUser;
import com.referralloop.chat.Platform;
import com.referralloop.command.ChatReply;
import com.referralloop.command.CommandRouter;
import com.referralloop.support.Http;
import com.referralloop.support.IntegrationTest;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.TestPropertySource;

/** Setting only DISCORD_MANAGER_ROLE_ID lets community managers record consent; other members are refused. */
@IntegrationTest
@TestPropertySource(properties = "DISCORD_MANAGER_ROLE_ID=R-COMMUNITY")
class CommunityManagerPermissionTest {

    static final ChatUser MANAGER = new ChatUser(Platform.DISCORD, "4242", "Cam", null, Set.of("R-COMMUNITY"));
    static final ChatUser MEMBER = new ChatUser(Platform.DISCORD, "4343", "Mel", null, Set.of("R-OTHER"));

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    CommandRouter router;

    @Autowired
    ConsentService consents;

    @BeforeEach
    void seed() {
        ProgramFixture.clean(mongo);
        ProgramFixture.seed(new Http(port));
    }

    @Test
    void communityManagerRoleMayRecordConsentOthersMayNot() {
        // GIVEN a member without the role WHEN they record consent THEN they are refused and nothing is stored
        ChatReply refused = run(router, MEMBER, "referral", "consent carol@globex.com level=active");
        assertThat(refused.error()).isTrue();
        assertThat(refused.ephemeral()).isTrue();
        assertThat(consents.live("carol@globex.com")).isEmpty();

        // WHEN a community manager records it THEN it is stored
        ChatReply ok = run(router, MANAGER, "referral", "consent carol@globex.com level=active evidence=\"Discord DM\"");
        assertThat(ok.error()).as(ok.text()).isFalse();
        assertThat(consents.live("carol@globex.com")).hasValueSatisfying(c -> assertThat(c.level()).isEqualTo(ConsentLevel.ACTIVE));
    }
}
