package com.referralloop.web;

import java.util.List;

/** The program figures while no referral feature is installed: nothing recorded yet. */
final class NoProgramFigures implements ProgramFigures {

    @Override
    public long consents(DashboardFilter filter) {
        return 0;
    }

    @Override
    public long referencesUsed(DashboardFilter filter) {
        return 0;
    }

    @Override
    public long testimonials(DashboardFilter filter) {
        return 0;
    }

    @Override
    public long referrals(DashboardFilter filter) {
        return 0;
    }

    @Override
    public List<ReferenceCustomer> topReferences(DashboardFilter filter, int limit) {
        return List.of();
    }

    @Override
    public List<ReferralNode> referralTrees(DashboardFilter filter) {
        return List.of();
    }

    @Override
    public List<ReferralRow> referralRows(DashboardFilter filter) {
        return List.of();
    }
}
