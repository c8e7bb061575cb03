package com.referralloop.account;

import com.referralloop.support.InvalidInputException;

import com.referralloop.account.AccountInput.ContactInput;
import com.referralloop.account.AccountInput.OwnerInput;
import java.io.IOException;
import java.io.Reader;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Component;

/**
 * Reads accounts and contacts from CSV (one row per account and contact; rows of one account repeat
 * its columns). Parsing uses Apache Commons CSV: quoting and embedded commas are its job, not ours.
 */
@Component
class AccountCsvImporter {

    static final List<String> REQUIRED = List.of("account_id", "account_name", "owner_email");
    static final Set<String> KNOWN = Set.of("account_id", "account_name", "owner_email", "owner_slack_id",
            "owner_discord_id", "manager_email", "cs_channel", "contact_email", "contact_name",
            "contact_slack_id", "contact_discord_id", "preferred_channel");

    private final AccountService service;

    AccountCsvImporter(AccountService service) {
        this.service = service;
    }

    ImportReport importCsv(Reader reader) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).setTrim(true).get();
        ImportReport report = new ImportReport();
        try (CSVParser parser = CSVParser.parse(reader, format)) {
            List<String> header = parser.getHeaderNames().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
            for (String required : REQUIRED) {
                if (!header.contains(required)) {
                    throw new InvalidInputException("CSV header must contain " + String.join(",", REQUIRED)
                            + " (missing " + required + ")");
                }
            }
            int row = 0;
            for (CSVRecord rec : parser) {
                row++;
                importRow(rec, row, report);
            }
        }
        return report;
    }

    private void importRow(CSVRecord rec, int row, ImportReport report) {
        if (!rec.isConsistent()) {
            report.reject(row, "expected " + rec.getParser().getHeaderNames().size() + " columns, found " + rec.size());
            return;
        }
        String contactEmail = get(rec, "contact_email");
        List<ContactInput> contacts = contactEmail == null ? List.of() : List.of(new ContactInput(contactEmail,
                get(rec, "contact_name"), get(rec, "contact_slack_id"), get(rec, "contact_discord_id"),
                get(rec, "preferred_channel")));
        AccountInput in = new AccountInput(get(rec, "account_id"), get(rec, "account_name"),
                new OwnerInput(get(rec, "owner_email"), get(rec, "owner_slack_id"), get(rec, "owner_discord_id"),
                        get(rec, "manager_email")),
                get(rec, "cs_channel"), contacts);
        var problem = AccountService.problemWith(in);
        if (problem.isPresent()) {
            report.reject(row, problem.get());
            return;
        }
        report.add(service.upsert(in));
    }

    private static String get(CSVRecord rec, String column) {
        for (String name : rec.getParser().getHeaderNames()) {
            if (name.equalsIgnoreCase(column)) {
                String v = rec.get(name);
                return v == null || v.isBlank() ? null : v;
            }
        }
        return null;
    }
}
