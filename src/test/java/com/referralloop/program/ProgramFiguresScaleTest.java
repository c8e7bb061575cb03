package com.referralloop.program;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.referral.Referral;
import com.referralloop.referral.ReferralStatus;
import com.referralloop.support.DocumentsReturned;
import com.referralloop.support.IntegrationTest;
import com.referralloop.support.Stores;
import com.referralloop.web.DashboardFilter;
import com.referralloop.web.ProgramFigures;
import com.referralloop.web.ProgramFigures.ReferralNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The program dashboard counts in MongoDB (no referral read into Java) and builds referral trees from one grouping. */
@IntegrationTest
@Import(DocumentsReturned.Config.class)
class ProgramFiguresScaleTest {

    @Autowired
    DocumentsReturned returned;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    ProgramFigures figures;

    final Instant now = Instant.now();

    @BeforeEach
    void clear() {
        Stores.clear(mongo);
    }

    @Test
    void countsAreTakenByMongoAndTreesKeepTheirShape() {
        // GIVEN 3,000 referrals this week: one root with 2,998 children, the last of which has one child
        List<Referral> rows = new ArrayList<>();
        rows.add(referral("R-0", null, 0));
        for (int i = 1; i < 2999; i++) {
            rows.add(referral("R-" + i, "R-0", i));
        }
        rows.add(referral("R-2999", "R-2998", 2999));
        mongo.insertAll(rows);
        DashboardFilter week = DashboardFilter.of("7d", null, null, now);
        returned.reset();
        // WHEN the referral count is taken
        long count = figures.referrals(week);
        // THEN it is right and only the count itself came back (countDocuments answers one {n} document)
        assertThat(count).isEqualTo(3000);
        assertThat(returned.count()).isEqualTo(1);
        // WHEN the trees are built THEN there is one root, its children in creation order, the grandchild under the last
        List<ReferralNode> trees = figures.referralTrees(week, null, 100);
        assertThat(trees).extracting(ReferralNode::id).containsExactly("R-0");
        List<ReferralNode> children = trees.get(0).children();
        assertThat(children).hasSize(2998);
        assertThat(children.get(0).id()).isEqualTo("R-1");
        assertThat(children.get(2997).id()).isEqualTo("R-2998");
        assertThat(children.get(2997).children()).extracting(ReferralNode::id).containsExactly("R-2999");
        assertThat(children.get(0).children()).isEmpty();
    }

    @Test
    void topReferencesReadTheBestGradesOnlyNotEveryRating() {
        // GIVEN 5,000 rated accounts: most rated C, two rated A, one rated 1, and a D that is never offered
        List<org.bson.Document> ratings = new ArrayList<>();
        List<org.bson.Document> accounts = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            String grade = i == 10 ? "A" : i == 20 ? "A" : i == 30 ? "ONE" : i == 40 ? "D" : "C";
            ratings.add(new org.bson.Document("_id", "A-" + i).append("grade", grade));
            accounts.add(new org.bson.Document("_id", "A-" + i).append("name", "Account " + i));
        }
        Stores.insertInBatches(mongo, "account_ratings", ratings);
        Stores.insertInBatches(mongo, "accounts", accounts);
        DashboardFilter month = DashboardFilter.of("30d", null, null, now);
        returned.reset();
        // WHEN the top five are taken
        var top = figures.topReferences(month, 5);
        // THEN best first, D left out, and only about the five ratings (plus each one's account and contacts) came back
        assertThat(top).extracting(r -> r.rating()).containsExactly("A", "A", "1", "C", "C");
        assertThat(returned.count()).isLessThan(40);
    }

    private Referral referral(String id, String parent, int minutes) {
        Instant at = now.minusSeconds(3600L * 24).plusSeconds(minutes);
        return new Referral(id, "C-" + id, "Ref " + id, "C-R-0", "A-1", "Lead " + id, null, null, parent,
                parent == null ? 0 : 1, ReferralStatus.NEW, 0, "test", at, at);
    }
}
