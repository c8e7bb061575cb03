package com.referralloop.feedback;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Score thresholds: scores at or above {@code promoterMin} are promoters, at or below
 * {@code detractorMax} detractors, the rest passives.
 */
@ConfigurationProperties("referral.nps")
public record NpsProperties(Integer promoterMin, Integer detractorMax) {

    public NpsProperties {
        promoterMin = promoterMin == null ? 9 : promoterMin;
        detractorMax = detractorMax == null ? 6 : detractorMax;
        if (detractorMax >= promoterMin || promoterMin > 10 || detractorMax < 0) {
            throw new IllegalArgumentException("need 0 <= referral.nps.detractor-max < referral.nps.promoter-min <= 10");
        }
    }

    public NpsCategory classify(int score) {
        if (score < 0 || score > 10) {
            throw new IllegalArgumentException("score must be between 0 and 10");
        }
        if (score >= promoterMin) {
            return NpsCategory.PROMOTER;
        }
        return score <= detractorMax ? NpsCategory.DETRACTOR : NpsCategory.PASSIVE;
    }
}
