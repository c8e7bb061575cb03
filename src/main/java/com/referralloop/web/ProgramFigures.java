package com.referralloop.web;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.referralloop.support.PageCursor;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the referral program (consents, ratings, reference requests, testimonials, referrals) contributes to the
 * dashboard and the CSV export. The referral feature implements it as a bean; until then {@link NoProgramFigures}
 * answers zeros and empty lists.
 */
public interface ProgramFigures {

    long consents(DashboardFilter filter);

    long referencesUsed(DashboardFilter filter);

    long testimonials(DashboardFilter filter);

    long referrals(DashboardFilter filter);

    /** The best-rated reference customers first. */
    List<ReferenceCustomer> topReferences(DashboardFilter filter, int limit);

    /**
     * Referral trees, a page of roots at a time: roots are referrals made by a customer (or whose parent is outside
     * the filter), children the referrals those people made. Roots oldest first, by creation time then id;
     * {@code after} null for the first page; at most {@code count} roots.
     */
    List<ReferralNode> referralTrees(DashboardFilter filter, PageCursor after, int count);

    /** Where the page after this root starts. */
    static PageCursor cursorOf(ReferralNode root) {
        return new PageCursor(root.createdAt(), root.id());
    }

    /**
     * Every referral in the period, one CSV row each, oldest first, handed to {@code sink} as MongoDB returns them
     * (a cursor read in batches): the export never holds the period's referrals at once.
     */
    void referralRows(DashboardFilter filter, Consumer<ReferralRow> sink);

    /**
     * A reference customer.
     *
     * @param rating          A, 1, B, 2, C or D
     * @param remainingAsks   reference requests still allowed this quarter before the fatigue limit
     */
    record ReferenceCustomer(String accountId, String accountName, String contactName, String rating,
                             int remainingAsks) { }

    /**
     * One referral and the referrals it led to.
     *
     * @param createdAt when it was logged: the page cursor's position, not part of the JSON
     */
    record ReferralNode(String id, String label, String status, List<ReferralNode> children,
                        @JsonIgnore Instant createdAt) {

        public ReferralNode {
            children = children == null ? List.of() : List.copyOf(children);
        }

        public ReferralNode(String id, String label, String status, List<ReferralNode> children) {
            this(id, label, status, children, null);
        }
    }

    /** A referral as exported to CSV. */
    record ReferralRow(String id, String referrerEmail, String referrerAccount, String referredName,
                       String referredEmail, String company, String parentId, int generation, String status,
                       Instant createdAt) { }
}
