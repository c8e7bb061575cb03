package com.referralloop.chat.email;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** True when an SMTP host is configured; an empty SMTP_HOST counts as unset. */
class EmailEnabled implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return StringUtils.hasText(context.getEnvironment().getProperty("referral.email.smtp-host"));
    }

    /** The opposite, for the "email is off" notice. */
    static class Not implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !new EmailEnabled().matches(context, metadata);
        }
    }
}
