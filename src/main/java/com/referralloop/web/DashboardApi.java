package com.referralloop.web;

import com.referralloop.web.DashboardFigures.All;
import com.referralloop.web.DashboardFigures.Funnel;
import com.referralloop.web.DashboardFigures.Nps;
import com.referralloop.web.DashboardFigures.NpsWeek;
import com.referralloop.web.DashboardFigures.OwnerLoad;
import com.referralloop.web.DashboardFigures.Sla;
import com.referralloop.web.DashboardFigures.TimeToImpact;
import com.referralloop.web.ProgramFigures.ReferenceCustomer;
import com.referralloop.web.ProgramFigures.ReferralNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.referralloop.support.PageCursor;
import com.referralloop.support.Pages;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Every dashboard figure as JSON, with the page's filters as query parameters. */
@RestController
@RequestMapping("/api/dashboard")
@Tag(name = "dashboard", description = "The figures of the dashboard at /; filters: period (7d|30d|90d|365d|all, default 90d), owner (email), source")
class DashboardApi {

    private final DashboardService dashboard;

    DashboardApi(DashboardService dashboard) {
        this.dashboard = dashboard;
    }

    private DashboardFilter filter(String period, String owner, String source) {
        return dashboard.filter(period, owner, source);
    }

    @GetMapping
    @Operation(summary = "All figures at once, as the dashboard renders them")
    All all(@Parameter(description = "7d, 30d, 90d, 365d or all") @RequestParam(required = false) String period,
            @Parameter(description = "account owner email") @RequestParam(required = false) String owner,
            @Parameter(description = "survey source") @RequestParam(required = false) String source) {
        return dashboard.all(filter(period, owner, source));
    }

    @GetMapping("/requests")
    @Operation(summary = "Reference requests made in the period by stage, and the revenue they influenced per quarter")
    RequestFigures.Requests requests(@RequestParam(required = false) String period, @RequestParam(required = false) String owner,
                                     @RequestParam(required = false) String source) {
        return dashboard.requests(filter(period, owner, source));
    }

    @GetMapping("/nps")
    @Operation(summary = "NPS and promoter, passive and detractor counts over the period")
    Nps nps(@RequestParam(required = false) String period, @RequestParam(required = false) String owner,
            @RequestParam(required = false) String source) {
        return dashboard.nps(filter(period, owner, source));
    }

    @GetMapping("/nps-weekly")
    @Operation(summary = "NPS per ISO week (Monday, UTC), by when the customer answered")
    List<NpsWeek> npsWeekly(@RequestParam(required = false) String period, @RequestParam(required = false) String owner,
                            @RequestParam(required = false) String source) {
        return dashboard.npsByWeek(filter(period, owner, source));
    }

    @GetMapping("/funnel")
    @Operation(summary = "Promoters → follow-up acted on → consent → reference used / testimonial / referral")
    Funnel funnel(@RequestParam(required = false) String period, @RequestParam(required = false) String owner,
                  @RequestParam(required = false) String source) {
        return dashboard.funnel(filter(period, owner, source));
    }

    @GetMapping("/sla")
    @Operation(summary = "Follow-ups acted on before dueAt, late, overdue and still pending; compliance in percent")
    Sla sla(@RequestParam(required = false) String period, @RequestParam(required = false) String owner,
            @RequestParam(required = false) String source) {
        return dashboard.sla(filter(period, owner, source));
    }

    @GetMapping("/time-to-impact")
    @Operation(summary = "Hours from the answer reaching Referral Loop to the follow-up's first outcome")
    TimeToImpact timeToImpact(@RequestParam(required = false) String period, @RequestParam(required = false) String owner,
                              @RequestParam(required = false) String source) {
        return dashboard.timeToImpact(filter(period, owner, source));
    }

    @GetMapping("/owners")
    @Operation(summary = "Open and overdue follow-ups per owner, now (the period does not apply); the busiest first, "
            + "'unassigned' always included, at most limit (default 20, at most 200)")
    List<OwnerLoad> owners(@RequestParam(required = false) String owner, @RequestParam(required = false) String source,
                           @RequestParam(defaultValue = "20") int limit) {
        return dashboard.owners(filter(null, owner, source), Math.max(1, Math.min(limit, 200)));
    }

    @GetMapping("/top-references")
    @Operation(summary = "Top reference customers with rating and remaining ask budget (from the referral program)")
    List<ReferenceCustomer> topReferences(@RequestParam(required = false) String period,
                                          @RequestParam(required = false) String owner,
                                          @RequestParam(required = false) String source,
                                          @RequestParam(defaultValue = "10") int limit) {
        return dashboard.program().topReferences(filter(period, owner, source), Math.max(1, Math.min(limit, 100)));
    }

    @GetMapping("/referral-trees")
    @Operation(summary = "Referral trees: who referred whom (from the referral program), a page of roots at a time, "
            + "oldest first; follow X-Next-Cursor / Link rel=next for the next page")
    ResponseEntity<List<ReferralNode>> referralTrees(@RequestParam(required = false) String period,
                                                     @RequestParam(required = false) String owner,
                                                     @RequestParam(required = false) String source,
                                                     @Parameter(description = "roots per page, 1..500")
                                                     @RequestParam(defaultValue = "100") int limit,
                                                     @Parameter(description = "X-Next-Cursor of the previous page")
                                                     @RequestParam(required = false) String cursor,
                                                     HttpServletRequest request) {
        int n = Pages.limit(limit);
        return Pages.of(dashboard.program().referralTrees(filter(period, owner, source), PageCursor.decode(cursor), n + 1),
                n, ProgramFigures::cursorOf, request);
    }
}
