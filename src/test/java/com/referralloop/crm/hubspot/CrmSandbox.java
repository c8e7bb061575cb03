package com.referralloop.crm.hubspot;

import com.referralloop.support.FakeSlackApi;
import java.time.Instant;
import java.util.Map;

/**
 * A local HubSpot and Slack to try the CRM connector by hand (not a test): starts {@link HubSpotStub} with
 * three companies owned by one rep, and the {@link FakeSlackApi} that knows the rep, prints the settings to
 * start the bot with, then prints every call the bot makes to either, as it comes. {@code scripts/crm-sandbox.sh}.
 */
public final class CrmSandbox {

    static final String REP_SLACK_ID = "U0REP0001";
    static final String REP_EMAIL = "rep@vendor.example";

    private CrmSandbox() {
    }

    public static void main(String[] args) throws Exception {
        HubSpotStub hubspot = new HubSpotStub();
        FakeSlackApi slack = FakeSlackApi.shared();
        slack.user(REP_SLACK_ID, REP_EMAIL);
        Instant t0 = Instant.now().minusSeconds(3600);
        hubspot.owners.put("77", REP_EMAIL);
        String[][] companies = {{"C100", "Acme", "alice@acme.example", "Alice", "Smith"},
                {"C200", "Globex", "carol@globex.example", "Carol", "King"},
                {"C300", "Initech", "dave@initech.example", "Dave", "Lo"}};
        for (int i = 0; i < companies.length; i++) {
            String[] c = companies[i];
            hubspot.company(c[0], c[1], "77", t0.plusSeconds(i), Map.of());
            hubspot.contact("P" + c[0].substring(1), c[2], c[3], c[4], c[0], t0.plusSeconds(i), Map.of());
        }
        System.out.printf("""
                HubSpot stub: %s (3 companies owned by %s, one contact each: %s, %s, %s)
                Slack fake:   %s (knows %s as %s)
                Start the bot in another terminal with:
                  HUBSPOT_ACCESS_TOKEN=%s HUBSPOT_API_URL=%s \\
                  SLACK_BOT_TOKEN=xoxb-sandbox SLACK_SIGNING_SECRET=sandbox-secret SLACK_API_URL=%s \\
                  FEEDBACK_WEBHOOK_SECRET=whsec_c2FuZGJveC13ZWJob29rLXNlY3JldA== mvn spring-boot:run
                Calls from the bot follow (Ctrl-C stops).
                %n""", hubspot.url(), REP_EMAIL, companies[0][2], companies[1][2], companies[2][2], slack.apiUrl(),
                REP_EMAIL, REP_SLACK_ID, HubSpotStub.TOKEN, hubspot.url(), slack.apiUrl());
        int hubspotSeen = 0;
        int slackSeen = 0;
        while (!Thread.currentThread().isInterrupted()) {
            var hs = hubspot.calls;
            for (; hubspotSeen < hs.size(); hubspotSeen++) {
                HubSpotStub.Call c = hs.get(hubspotSeen);
                System.out.printf("hubspot %s %s%s %s%n", c.method(), c.path(), c.query() == null ? "" : "?" + c.query(),
                        c.body() == null ? "" : c.body());
            }
            var sl = slack.calls();
            for (; slackSeen < sl.size(); slackSeen++) {
                FakeSlackApi.Call c = sl.get(slackSeen);
                System.out.printf("slack   %s %s%n", c.method(), c.params());
            }
            Thread.sleep(300);
        }
    }
}
