package com.referralloop.account;

import java.util.ArrayList;
import java.util.List;

/**
 * What an import did: counts of accounts and contacts created, updated or left unchanged, and every
 * rejected row with its number (1 = first data row after the header) and reason. Good rows are kept
 * even when others are rejected.
 */
public final class ImportReport {

    private int rows;
    private final Tally accounts = new Tally();
    private final Tally contacts = new Tally();
    private final List<RowError> errors = new ArrayList<>();

    public record RowError(int row, String reason) { }

    /** Created, updated and unchanged counts of one kind of record. */
    public static final class Tally {
        private int created;
        private int updated;
        private int unchanged;

        void add(AccountService.Change change) {
            switch (change) {
                case CREATED -> created++;
                case UPDATED -> updated++;
                case UNCHANGED -> unchanged++;
            }
        }

        public int getCreated() {
            return created;
        }

        public int getUpdated() {
            return updated;
        }

        public int getUnchanged() {
            return unchanged;
        }
    }

    void add(AccountService.Result result) {
        rows++;
        accounts.add(result.account());
        result.contacts().forEach(contacts::add);
    }

    void reject(int row, String reason) {
        rows++;
        errors.add(new RowError(row, reason));
    }

    public int getRows() {
        return rows;
    }

    public Tally getAccounts() {
        return accounts;
    }

    public Tally getContacts() {
        return contacts;
    }

    public List<RowError> getErrors() {
        return errors;
    }

    /** True when at least one good row was taken (created, updated or found unchanged); false when every row was rejected. */
    public boolean isGoodRowsKept() {
        return rows > errors.size();
    }
}
