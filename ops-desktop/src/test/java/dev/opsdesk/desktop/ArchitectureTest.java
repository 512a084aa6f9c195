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

    /** The sections; each is written against the shared pieces only, never against another section. */
    private static final String[] FEATURES = {"failures", "audit", "overview", "inventory", "reconciliation", "admin"};

    private static String pkg(String name) {
        return "dev.opsdesk.desktop." + name + "..";
    }

    @Test
    void aFeatureNeverImportsAnotherFeature() {
        for (String feature : FEATURES) {
            String[] others = java.util.Arrays.stream(FEATURES).filter(f -> !f.equals(feature))
                    .map(ArchitectureTest::pkg).toArray(String[]::new);
            noClasses().that().resideInAPackage(pkg(feature))
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("what two sections share lives in ui, export or shell, so that neither is a copy of "
                            + "the other and each can be read alone")
                    .allowEmptyShould(true)
                    .check(DESKTOP);
        }
    }

    @Test
    void theSharedPiecesKnowNoFeature() {
        String[] features = java.util.Arrays.stream(FEATURES).map(ArchitectureTest::pkg).toArray(String[]::new);
        noClasses().that().resideInAnyPackage("dev.opsdesk.desktop.ui..", "dev.opsdesk.desktop.list..",
                        "dev.opsdesk.desktop.export..", "dev.opsdesk.desktop.shell..", "dev.opsdesk.desktop.settings..")
                .should().dependOnClassesThat().resideInAnyPackage(features)
                .because("sections are plugged in at the composition root (StandardSections, Main), so the shell "
                        + "and the shared pieces never point back up at them")
                .check(DESKTOP);
    }

    @Test
    void theLayersOfTheSharedPiecesPointOneWay() {
        // ui is the ground; export builds on it; list (tables of exportable datasets) on both; the
        // settings store knows no page of the shell.
        noClasses().that().resideInAPackage("dev.opsdesk.desktop.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.opsdesk.desktop.export..",
                        "dev.opsdesk.desktop.list..", "dev.opsdesk.desktop.shell..", "dev.opsdesk.desktop.settings..")
                .check(DESKTOP);
        noClasses().that().resideInAPackage("dev.opsdesk.desktop.export..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.opsdesk.desktop.list..",
                        "dev.opsdesk.desktop.shell..")
                .check(DESKTOP);
        noClasses().that().resideInAPackage("dev.opsdesk.desktop.settings..")
                .should().dependOnClassesThat().resideInAPackage("dev.opsdesk.desktop.shell..")
                .check(DESKTOP);
    }

    @Test
    void thePagedListIsFreeOfControls() {
        noClasses().that().haveSimpleName("PagedList").or().haveSimpleName("Permits")
                .should().dependOnClassesThat().resideInAPackage("javafx.scene..")
                .because("section view models build on them and are tested without a toolkit")
                .check(DESKTOP);
    }
}
