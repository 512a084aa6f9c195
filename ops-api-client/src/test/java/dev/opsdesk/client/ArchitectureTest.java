package dev.opsdesk.client;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The client is used by the desktop, the command line and scripts: it must stay free of any UI toolkit. */
class ArchitectureTest {

    private final JavaClasses client = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.opsdesk.client");

    @Test
    void clientHasNoJavaFxOrAwtDependency() {
        noClasses().that().resideInAPackage("dev.opsdesk.client..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.awt..", "javax.swing..")
                .check(client);
    }

    @Test
    void clientDoesNotReachIntoTheSandbox() {
        noClasses().that().resideInAPackage("dev.opsdesk.client..")
                .should().dependOnClassesThat().resideInAPackage("dev.opsdesk.sandbox..")
                .check(client);
    }
}
