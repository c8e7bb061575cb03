package com.referralloop.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the core platform-neutral: Bolt, the Slack SDK and JDA stay inside their adapters. */
@AnalyzeClasses(packages = "com.referralloop", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] CORE = {"..account..", "..feedback..", "..followup..", "..referral..",
            "..testimonial..", "..reference..", "..command..", "..sla..", "..reply..", "..web.."};

    @ArchTest
    static final ArchRule coreKnowsNoSlack = noClasses().that().resideInAnyPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage("com.slack..", "..chat.slack..");

    @ArchTest
    static final ArchRule coreKnowsNoDiscord = noClasses().that().resideInAnyPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage("net.dv8tion..", "..chat.discord..");

    @ArchTest
    static final ArchRule slackAndDiscordStayApart = noClasses().that().resideInAPackage("..chat.slack..")
            .should().dependOnClassesThat().resideInAnyPackage("net.dv8tion..", "..chat.discord..")
            .allowEmptyShould(true);

    /** The CRM port ({@code crm}) and the rest of the core use only neutral types; each CRM stays in its adapter. */
    @ArchTest
    static final ArchRule coreKnowsNoCrmAdapter = noClasses().that().resideInAnyPackage(CORE)
            .or().resideInAnyPackage("com.referralloop.crm", "..privacy..", "..program..", "..request..")
            .should().dependOnClassesThat().resideInAnyPackage("..crm.hubspot..", "..crm.salesforce..");

    @ArchTest
    static final ArchRule hubSpotAndSalesforceStayApart = noClasses().that().resideInAPackage("..crm.hubspot..")
            .should().dependOnClassesThat().resideInAnyPackage("..crm.salesforce..");

    @ArchTest
    static final ArchRule outboxKnowsNoPlatform = noClasses().that().resideInAPackage("..chat.outbox..")
            .should().dependOnClassesThat().resideInAnyPackage("com.slack..", "net.dv8tion..");
}
