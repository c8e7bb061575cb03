package com.referralloop.web;

import com.referralloop.support.PageCursor;
import java.util.List;
import java.util.function.Consumer;

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
    public List<ReferralNode> referralTrees(DashboardFilter filter, PageCursor after, int count) {
        return List.of();
    }

    @Override
    public void referralRows(DashboardFilter filter, Consumer<ReferralRow> sink) {
        // nothing recorded: the CSV is its header row alone
    }
}
