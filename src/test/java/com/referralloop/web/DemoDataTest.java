package com.referralloop.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.chat.ChatUser;
import com.referralloop.chat.Platform;
import com.referralloop.command.ChatCommand;
import com.referralloop.command.ChatReply;
import com.referralloop.command.CommandRouter;
import com.referralloop.feedback.Feedback;
import com.referralloop.support.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.TestPropertySource;

/** REFERRAL_DEMO=true tells a true story: comments fit their scores, and a rep's first search finds someone. */
@IntegrationTest
@TestPropertySource(properties = "referral.web.demo=true")
class DemoDataTest {

    /** A demo rep who owns neither Globex nor Umbrella Health, so results show names, not emails. */
    private static final ChatUser SAM = new ChatUser(Platform.WEB, "sam@vendor.example", "Sam", "sam@vendor.example");

    @Autowired
    MongoTemplate mongo;
    @Autowired
    CommandRouter router;

    @Test
    void everyDemoCommentBelongsToItsScoresCategory() {
        List<Feedback> answers = mongo.find(Query.query(Criteria.where("source").is(DemoData.SOURCE)), Feedback.class);

        assertThat(answers).hasSize(36);
        assertThat(answers).extracting(Feedback::category).doesNotContainNull()
                .contains(com.referralloop.feedback.NpsCategory.values());
        assertThat(answers).allSatisfy(a -> assertThat(DemoComments.poolOf(a.category()))
                .as("score %d (%s): %s", a.score(), a.category(), a.comment()).contains(a.comment()));
    }

    @Test
    void aDemoRepFindsNamedReferenceCustomers() {
        // GIVEN the demo store, WHEN a rep who owns neither account searches
        ChatReply any = find("find");
        ChatReply onboarding = find("find strength=onboarding");

        // THEN Globex (rated 1) comes before Umbrella Health (rated 2); Alice is over the ask limit
        assertThat(any.error()).as(any.text()).isFalse();
        assertThat(any.message()).as(any.text()).isNotNull();
        assertThat(any.text()).containsSubsequence("1. Carol Diaz — Globex", "2. Grace Kim — Umbrella Health")
                .doesNotContain("@globex.example").contains("over the ask limit");
        assertThat(onboarding.text()).as(onboarding.text()).contains("1. Grace Kim — Umbrella Health")
                .contains("Clinic onboarding in three weeks").doesNotContain("Carol Diaz");
        // AND a search for a strength the demo lacks points at the ones it has
        assertThat(find("find strength=blockchain").text()).startsWith("No valid reference project fits.")
                .containsPattern("Strengths on record: .*integration, onboarding, support");
    }

    private ChatReply find(String text) {
        return router.handle(new ChatCommand("reference", text, SAM));
    }
}
