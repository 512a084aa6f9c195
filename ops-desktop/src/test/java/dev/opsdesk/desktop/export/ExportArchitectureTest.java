package dev.opsdesk.desktop.export;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The engine, the datasets and the command line run without a GUI toolkit. */
class ExportArchitectureTest {

    private static final JavaClasses EXPORT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("dev.opsdesk.desktop.export");

    @Test
    void theEngineDatasetsAndCommandLineAreFreeOfGuiToolkits() {
        noClasses().that().resideOutsideOfPackage("dev.opsdesk.desktop.export.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.awt..", "javax.swing..")
                .because("the export engine also runs from the command line and on servers without a display")
                .check(EXPORT);
    }

    @Test
    void theExportPackageKnowsNoFeature() {
        noClasses().that().resideInAPackage("dev.opsdesk.desktop.export..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.opsdesk.desktop.failures..",
                        "dev.opsdesk.desktop.audit..", "dev.opsdesk.desktop.inventory..",
                        "dev.opsdesk.desktop.reconciliation..", "dev.opsdesk.desktop.overview..",
                        "dev.opsdesk.desktop.shell..", "dev.opsdesk.desktop.settings..")
                .because("features plug their datasets into ExportDatasets; the command line must not need editing for a new one")
                .check(EXPORT);
    }

    @Test
    void onlyTheExportActionTouchesControls() {
        noClasses().that().resideInAPackage("dev.opsdesk.desktop.export.ui..")
                .and().doNotHaveSimpleName("ExportAction")
                .should().dependOnClassesThat().resideInAPackage("javafx.scene..")
                .because("the view model and its helpers are tested without a toolkit")
                .check(EXPORT);
    }
}
