package com.referralloop.chat.slack;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Bolt and Slack SDK types stay inside chat/slack; the domain and command layer never see them. */
class SlackBoundaryTest {

    @Test
    void slackTypesDoNotLeaveTheSlackAdapter() {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.referralloop");
        noClasses().that().resideOutsideOfPackage("com.referralloop.chat.slack..")
                .should().dependOnClassesThat().resideInAnyPackage("com.slack.api..")
                .check(main);
    }
}
