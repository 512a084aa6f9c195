package dev.opsdesk.desktop;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** MVVM and layering rules that the compiler cannot check. */
class ArchitectureTest {

    private static final JavaClasses DESKTOP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.opsdesk.desktop");

    @Test
    void viewModelsDoNotTouchControls() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAPackage("javafx.scene..")
                .because("a ViewModel holds state and commands; only Views build and bind controls")
                .check(DESKTOP);
    }

    @Test
    void backgroundTasksAndErrorMessagesAreFreeOfControls() {
        noClasses().that().haveSimpleNameStartingWith("BackgroundTask")
                .or().haveSimpleNameStartingWith("ErrorMessages")
                .or().haveSimpleNameStartingWith("UserMessage")
                .should().dependOnClassesThat().resideInAPackage("javafx.scene..")
                .because("they are used by ViewModels and tested without a toolkit")
                .check(DESKTOP);
    }

    @Test
    void theApiClientKnowsNothingOfJavaFx() {
        JavaClasses client = new ClassFileImporter().importPackages("dev.opsdesk.client");

        noClasses().should().dependOnClassesThat().resideInAPackage("javafx..")
                .because("ops-api-client is used by scripts and tools without JavaFX")
                .check(client);
    }
}
