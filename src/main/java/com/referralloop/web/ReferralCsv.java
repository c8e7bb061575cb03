package com.referralloop.web;

import com.referralloop.web.ProgramFigures.ReferralRow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Referrals as CSV, with a header row even when there are none. Served under /api (API token) and under
 * /dashboard (the page's login), so the dashboard's download link works for Basic users too.
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
    ResponseEntity<String> csv(@RequestParam(defaultValue = "all") String period,
                               @RequestParam(required = false) String owner,
                               @RequestParam(required = false) String source) {
        List<ReferralRow> rows = dashboard.program().referralRows(dashboard.filter(period, owner, source));
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"referrals.csv\"")
                .body(render(rows));
    }

    static String render(List<ReferralRow> rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(HEADER).get())) {
            for (ReferralRow r : rows) {
                csv.printRecord(safe(r.id()), safe(r.referrerEmail()), safe(r.referrerAccount()), safe(r.referredName()),
                        safe(r.referredEmail()), safe(r.company()), safe(r.parentId()), r.generation(), safe(r.status()),
                        r.createdAt() == null ? "" : r.createdAt().toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Neutralises spreadsheet formulas (CSV injection): a cell starting with = + - @ is prefixed with '. */
    static String safe(String v) {
        if (v == null) {
            return "";
        }
        return !v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
    }
}
