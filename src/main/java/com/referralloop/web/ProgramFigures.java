package com.referralloop.web;

import java.time.Instant;
import java.util.List;

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

    /** Referral trees: roots are referrals made by a customer, children the referrals those people made. */
    List<ReferralNode> referralTrees(DashboardFilter filter);

    /** Every referral in the period, one CSV row each. */
    List<ReferralRow> referralRows(DashboardFilter filter);

    /**
     * A reference customer.
     *
     * @param rating          A, 1, B, 2, C or D
     * @param remainingAsks   reference requests still allowed this quarter before the fatigue limit
     */
    record ReferenceCustomer(String accountId, String accountName, String contactName, String rating,
                             int remainingAsks) { }

    /** One referral and the referrals it led to. */
    record ReferralNode(String id, String label, String status, List<ReferralNode> children) {

        public ReferralNode {
            children = children == null ? List.of() : List.copyOf(children);
        }
    }

    /** A referral as exported to CSV. */
    record ReferralRow(String id, String referrerEmail, String referrerAccount, String referredName,
                       String referredEmail, String company, String parentId, int generation, String status,
                       Instant createdAt) { }
}
