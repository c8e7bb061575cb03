package com.referralloop.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Keeps the referral program's packages layered without cycles: referral is the core (consent,
 * ratings, asks, permissions); testimonial and reference build on it; privacy reaches across all.
 */
@AnalyzeClasses(packages = "com.referralloop", importOptions = ImportOption.DoNotIncludeTests.class)
class ReferralProgramArchitectureTest {

    @ArchTest
    static final ArchRule referralCoreDependsOnNoFeatureAboveIt = noClasses().that().resideInAPackage("..referral..")
            .should().dependOnClassesThat().resideInAnyPackage("..testimonial..", "..reference..", "..privacy..");

    @ArchTest
    static final ArchRule testimonialAndReferenceStayApart = noClasses().that().resideInAPackage("..testimonial..")
            .should().dependOnClassesThat().resideInAnyPackage("..reference..", "..privacy..");

    @ArchTest
    static final ArchRule referenceKnowsNoTestimonial = noClasses().that().resideInAPackage("..reference..")
            .should().dependOnClassesThat().resideInAnyPackage("..testimonial..", "..privacy..");

    /** Requests build on the search, never the other way round; the core knows neither. */
    @ArchTest
    static final ArchRule requestsSitAboveReferences = noClasses().that().resideInAnyPackage("..reference..", "..referral..")
            .should().dependOnClassesThat().resideInAPackage("..request..");

    @ArchTest
    static final ArchRule auditIsALeaf = noClasses().that().resideInAPackage("..audit..")
            .should().dependOnClassesThat().resideInAnyPackage("..referral..", "..testimonial..", "..reference..",
                    "..privacy..", "..command..");
}
