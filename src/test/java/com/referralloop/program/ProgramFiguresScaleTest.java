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
        List<ReferralNode> trees = figures.referralTrees(week);
        assertThat(trees).extracting(ReferralNode::id).containsExactly("R-0");
        List<ReferralNode> children = trees.get(0).children();
        assertThat(children).hasSize(2998);
        assertThat(children.get(0).id()).isEqualTo("R-1");
        assertThat(children.get(2997).id()).isEqualTo("R-2998");
        assertThat(children.get(2997).children()).extracting(ReferralNode::id).containsExactly("R-2999");
        assertThat(children.get(0).children()).isEmpty();
    }

    private Referral referral(String id, String parent, int minutes) {
        Instant at = now.minusSeconds(3600L * 24).plusSeconds(minutes);
        return new Referral(id, "C-" + id, "Ref " + id, "C-R-0", "A-1", "Lead " + id, null, null, parent,
                parent == null ? 0 : 1, ReferralStatus.NEW, 0, "test", at, at);
    }
}
