package com.referralloop.crm;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** True when a CRM is configured: the connector's beans exist only then, so with none set nothing changes. */
public class CrmConfigured implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        // only HubSpot has an adapter so far: Salesforce settings alone must not build a sync with no connector
        return of(context).hubspot().configured();
    }

    static CrmProperties of(ConditionContext context) {
        return Binder.get(context.getEnvironment()).bind("referral.crm", CrmProperties.class)
                .orElseGet(() -> new CrmProperties(null, null, null, null, null));
    }

    /** HubSpot wins when both are set (the log says which one runs). */
    public static class HubSpot implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return of(context).hubspot().configured();
        }
    }

    /** Salesforce, when HubSpot is not set. */
    public static class Salesforce implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            CrmProperties p = of(context);
            return !p.hubspot().configured() && p.salesforce().configured();
        }
    }
}
