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

    @ArchTest
    static final ArchRule outboxKnowsNoPlatform = noClasses().that().resideInAPackage("..chat.outbox..")
            .should().dependOnClassesThat().resideInAnyPackage("com.slack..", "net.dv8tion..");
}
