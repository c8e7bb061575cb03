package com.referralloop.crm.salesforce;

import com.referralloop.crm.CrmConfigured;
import com.referralloop.crm.CrmConnector;
import com.referralloop.crm.CrmHttp;
import com.referralloop.crm.CrmProperties;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.ObjectMapper;

/** The Salesforce connector, when SALESFORCE_LOGIN_URL and the connected app's client are set. */
@Configuration(proxyBeanMethods = false)
@Conditional(CrmConfigured.Salesforce.class)
class SalesforceConfiguration {

    @Bean
    CrmConnector salesforceConnector(CrmProperties props, ObjectMapper json, Clock clock) {
        return connector(props.salesforce(), props.fields().orDefaults(CrmProperties.Fields.SALESFORCE), props.timeout(),
                json, clock);
    }

    static SalesforceConnector connector(CrmProperties.Salesforce sf, CrmProperties.Fields fields, Duration timeout,
                                         ObjectMapper json, Clock clock) {
        SalesforceApiUsage usage = new SalesforceApiUsage(sf.apiUsageLimit(), sf.apiUsagePause(), clock);
        SalesforceAnswers answers = new SalesforceAnswers(json, usage);
        // one client (and one call count) for the login and the API: the instance URL comes with the token
        CrmHttp http = new CrmHttp(sf.loginUrl(), timeout, json, clock, answers);
        SalesforceJwt jwt = sf.jwtBearer()
                ? new SalesforceJwt(sf.privateKey(), sf.clientId(), sf.username(), sf.loginUrl(), json, clock) : null;
        SalesforceSession session = new SalesforceSession(http, sf.clientId(), sf.clientSecret(), jwt);
        SalesforceApi api = new SalesforceApi(http, session, sf.apiVersion());
        return new SalesforceConnector(api, new SalesforceWriter(api, answers, clock), fields);
    }
}
