package com.referralloop.crm.hubspot;

import com.referralloop.crm.CrmConfigured;
import com.referralloop.crm.CrmConnector;
import com.referralloop.crm.CrmHttp;
import com.referralloop.crm.CrmProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.ObjectMapper;

/** The HubSpot connector, when HUBSPOT_ACCESS_TOKEN is set. */
@Configuration(proxyBeanMethods = false)
@Conditional(CrmConfigured.HubSpot.class)
class HubSpotConfiguration {

    @Bean
    CrmConnector hubSpotConnector(CrmProperties props, ObjectMapper json, Clock clock) {
        CrmHttp http = new CrmHttp(props.hubspot().apiUrl(), props.timeout(), json, clock);
        return new HubSpotConnector(http, props.hubspot(), props.fields().orDefaults(CrmProperties.Fields.HUBSPOT));
    }
}
