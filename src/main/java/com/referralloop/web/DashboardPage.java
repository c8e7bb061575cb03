package com.referralloop.web;

import com.referralloop.support.InvalidInputException;
import com.referralloop.web.DashboardFigures.All;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.ObjectMapper;

/** The dashboard page: figures rendered on the server, charts drawn by ECharts from data embedded in the page. */
@Controller
class DashboardPage {

    private final DashboardService dashboard;
    private final ObjectMapper json;

    DashboardPage(DashboardService dashboard, ObjectMapper json) {
        this.dashboard = dashboard;
        this.json = json;
    }

    @GetMapping({"/", "/dashboard"})
    String dashboard(@RequestParam(required = false) String period, @RequestParam(required = false) String owner,
                     @RequestParam(required = false) String source, Model model) {
        DashboardFilter filter;
        try {
            filter = dashboard.filter(period, owner, source);
        } catch (InvalidInputException e) {
            model.addAttribute("filterError", e.getMessage());
            filter = dashboard.filter(null, owner, source);
        }
        All all = dashboard.all(filter);
        model.addAttribute("f", all);
        model.addAttribute("filter", filter);
        model.addAttribute("owners", dashboard.ownerEmails());
        model.addAttribute("sources", dashboard.sources());
        model.addAttribute("periods", java.util.List.of("7d", "30d", "90d", "365d", "all"));
        // the charts read this from a data attribute: attribute escaping keeps any text inert
        model.addAttribute("chartJson", json.writeValueAsString(all));
        RequestCard requests = RequestCard.of(dashboard.requests(filter), filter);
        model.addAttribute("requestCard", requests);
        model.addAttribute("requestJson", json.writeValueAsString(requests));
        return "dashboard";
    }
}
