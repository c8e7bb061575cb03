package com.referralloop.crm;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * True when a CRM is configured: the connector's beans exist only then, so with none set nothing changes.
 * Binding the settings here also stops the start-up early when both CRMs are set (see {@link CrmProperties}).
 */
public class CrmConfigured implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return of(context).configured();
    }

    static CrmProperties of(ConditionContext context) {
        return Binder.get(context.getEnvironment()).bind("referral.crm", CrmProperties.class)
                .orElseGet(() -> new CrmProperties(null, null, null, null, null));
    }

    /** HubSpot, when its token is set. */
    public static class HubSpot implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return of(context).hubspot().configured();
        }
    }

    /** Salesforce, when its connected app is set. */
    public static class Salesforce implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return of(context).salesforce().configured();
        }
    }
}
