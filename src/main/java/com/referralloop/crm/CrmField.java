package com.referralloop.crm;

/** The fields the bot writes, with their HubSpot property and Salesforce field API names (as docs/crm.md lists them). */
public enum CrmField {
    CONSENT_LEVEL(Target.CONTACT, "referral_loop_consent_level", "Referral_Loop_Consent_Level__c", "Reference consent level", "string"),
    CONSENT_SCOPES(Target.CONTACT, "referral_loop_consent_scopes", "Referral_Loop_Consent_Scopes__c", "Reference consent scopes", "string"),
    CONSENT_EXPIRES(Target.CONTACT, "referral_loop_consent_expires", "Referral_Loop_Consent_Expires__c", "Reference consent expires", "date"),
    CONSENT_WITHDRAWN(Target.CONTACT, "referral_loop_consent_withdrawn", "Referral_Loop_Consent_Withdrawn__c", "Reference consent withdrawn on", "date"),
    NPS_SCORE(Target.CONTACT, "referral_loop_nps_score", "Referral_Loop_NPS_Score__c", "Last NPS score", "number"),
    NPS_CATEGORY(Target.CONTACT, "referral_loop_nps_category", "Referral_Loop_NPS_Category__c", "Last NPS category", "string"),
    NPS_DATE(Target.CONTACT, "referral_loop_nps_date", "Referral_Loop_NPS_Date__c", "Last NPS answer date", "date"),
    TESTIMONIAL_STATUS(Target.CONTACT, "referral_loop_testimonial_status", "Referral_Loop_Testimonial_Status__c", "Testimonial status", "string"),
    ASKS_THIS_QUARTER(Target.CONTACT, "referral_loop_asks_this_quarter", "Referral_Loop_Asks_This_Quarter__c", "Reference asks this quarter", "number"),
    REFERRED_BY(Target.CONTACT, "referral_loop_referred_by", "Referral_Loop_Referred_By__c", "Referred by (email)", "string"),
    RATING(Target.ACCOUNT, "referral_loop_rating", "Referral_Loop_Rating__c", "Reference rating", "string"),
    RISK_FLAGS(Target.ACCOUNT, "referral_loop_risk_flags", "Referral_Loop_Risk_Flags__c", "Reference risk flags", "string"),
    NEXT_REVIEW(Target.ACCOUNT, "referral_loop_next_review", "Referral_Loop_Next_Review__c", "Next reference review", "date"),
    STRENGTHS(Target.ACCOUNT, "referral_loop_strengths", "Referral_Loop_Strengths__c", "Reference project strengths", "string"),
    /** Standard fields of a referred person (a lead): the CRM has them, nobody creates them. */
    REFERRED_NAME(Target.LEAD, "firstname", "LastName", "Referred person's name", "string"),
    REFERRED_COMPANY(Target.LEAD, "company", "Company", "Referred person's company", "string");

    /** Whether the field sits on the contact, on the company/account, or is a standard field of a new lead. */
    public enum Target { CONTACT, ACCOUNT, LEAD }

    private final Target target;
    private final String hubspot;
    private final String salesforce;
    private final String label;
    private final String type;

    CrmField(Target target, String hubspot, String salesforce, String label, String type) {
        this.target = target;
        this.hubspot = hubspot;
        this.salesforce = salesforce;
        this.label = label;
        this.type = type;
    }

    public Target target() {
        return target;
    }

    public String hubspotName() {
        return hubspot;
    }

    public String salesforceName() {
        return salesforce;
    }

    public String label() {
        return label;
    }

    /** "string", "number" or "date" (HubSpot property types). */
    public String type() {
        return type;
    }
}
