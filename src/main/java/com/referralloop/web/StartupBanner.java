package com.referralloop.web;

import com.referralloop.security.ApiProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells a newcomer where to look once the app is up. */
@Component
class StartupBanner {

    private static final Logger log = LoggerFactory.getLogger("referral.web");

    private final Environment env;
    private final WebProperties web;
    private final ApiProperties api;

    StartupBanner(Environment env, WebProperties web, ApiProperties api) {
        this.env = env;
        this.web = web;
        this.api = api;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        String port = env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
        String base = "http://localhost:" + port;
        log.info("Dashboard:  {}/", base);
        log.info("Playground: {}/playground", base);
        log.info("API docs:   {}/swagger-ui/index.html", base);
        if (!web.basicConfigured() && !api.tokenConfigured()) {
            log.info("No REFERRAL_WEB_USER/REFERRAL_WEB_PASSWORD or REFERRAL_API_TOKEN set: the pages answer loopback requests only");
        }
        if (!web.demo()) {
            log.info("Empty? Start with REFERRAL_DEMO=true to load sample accounts and survey answers");
        }
    }
}
