package com.referralloop.web;

import com.referralloop.web.ProgramFigures.ReferralRow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Referrals as CSV, with a header row even when there are none. Served under /api (API token) and under
 * /dashboard (the page's login), so the dashboard's download link works for Basic users too. Rows are written to
 * the response as MongoDB's cursor hands them over, so a million referrals cost one batch of memory, not a
 * million rows; written on the request thread, so the export audit sees the finished response.
 */
@RestController
@Tag(name = "export")
class ReferralCsv {

    static final String[] HEADER = {"referral_id", "referrer_email", "referrer_account", "referred_name",
        "referred_email", "company", "parent_referral_id", "generation", "status", "created_at"};

    private final DashboardService dashboard;

    ReferralCsv(DashboardService dashboard) {
        this.dashboard = dashboard;
    }

    @GetMapping(value = {"/api/referrals.csv", "/dashboard/referrals.csv"}, produces = "text/csv")
    @Operation(summary = "Every referral in the period as CSV (header row always present); period defaults to all")
    void csv(@RequestParam(defaultValue = "all") String period, @RequestParam(required = false) String owner,
             @RequestParam(required = false) String source, HttpServletResponse response) throws IOException {
        // a bad filter is refused (400) here, before the first byte is written
        DashboardFilter filter = dashboard.filter(period, owner, source);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"referrals.csv\"");
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
        write(sink -> dashboard.program().referralRows(filter, sink), out);
        out.flush();
    }

    static String render(List<ReferralRow> rows) {
        StringWriter out = new StringWriter();
        write(rows::forEach, out);
        return out.toString();
    }

    /** The header, then each row {@code rows} hands over, escaped as it comes. */
    private static void write(Consumer<Consumer<ReferralRow>> rows, Writer out) {
        try {
            CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(HEADER).get());
            rows.accept(r -> print(csv, r));
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void print(CSVPrinter csv, ReferralRow r) {
        try {
            csv.printRecord(safe(r.id()), safe(r.referrerEmail()), safe(r.referrerAccount()), safe(r.referredName()),
                    safe(r.referredEmail()), safe(r.company()), safe(r.parentId()), r.generation(), safe(r.status()),
                    r.createdAt() == null ? "" : r.createdAt().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Neutralises spreadsheet formulas (CSV injection): a cell starting with = + - @ is prefixed with '. */
    static String safe(String v) {
        if (v == null) {
            return "";
        }
        return !v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
    }
}
