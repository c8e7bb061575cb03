package com.referralloop.store;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a locked store file into Spring Boot's short "APPLICATION FAILED TO START" text with what to do,
 * instead of a page of bean-creation causes. Registered in META-INF/spring.factories.
 */
class StoreFileInUseFailureAnalyzer extends AbstractFailureAnalyzer<StoreFileInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StoreFileInUseException cause) {
        return new FailureAnalysis(cause.getMessage() + ".",
                "Stop the other instance (it may still be running in another terminal), or give this one its own "
                        + "store with REFERRAL_DATA_DIR=<another directory>, or point both at one MongoDB with MONGODB_URI.",
                cause);
    }
}
