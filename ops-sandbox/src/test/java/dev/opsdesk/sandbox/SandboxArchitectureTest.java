package dev.opsdesk.sandbox;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The sandbox's layout as src-docs/architecture.md describes it ("Sandbox"), kept true. */
class SandboxArchitectureTest {

    private static final String ROOT = "dev.opsdesk.sandbox";
    private static final String[] BELOW_HTTP = {ROOT + ".auth..", ROOT + ".audit..", ROOT + ".events..",
        ROOT + ".failures..", ROOT + ".inventory..", ROOT + ".reconciliation..", ROOT + ".service..", ROOT + ".store..", ROOT + ".seed..", ROOT + ".generate..",
        ROOT + ".traffic..", ROOT + ".webhooks.."};

    private static final JavaClasses SANDBOX = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void onlyTheHttpLayerKnowsJavalinAndServlets() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".http..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "jakarta.servlet..",
                        "org.eclipse.jetty..")
                .check(SANDBOX);
    }

    @Test
    void featuresNeverReachUpIntoHttp() {
        noClasses().that().resideInAnyPackage(BELOW_HTTP)
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".http..")
                .check(SANDBOX);
    }

    @Test
    void routesGoThroughTheFeaturesNotTheTables() {
        noClasses().that().resideInAPackage(ROOT + ".http..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".db..", "org.jooq..")
                .check(SANDBOX);
    }

    @Test
    void noCyclesBetweenPackages() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(SANDBOX);
    }

    @Test
    void testDataGeneratorsServeOnlySeedingAndTraffic() {
        classes().that().resideInAPackage(ROOT + ".generate..")
                .should().onlyBeAccessed().byAnyPackage(ROOT + ".generate..", ROOT + ".seed..", ROOT + ".traffic..")
                .check(SANDBOX);
    }

    @Test
    void theLiveEventHubKnowsNoFeature() {
        noClasses().that().resideInAPackage(ROOT + ".events..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".failures..", ROOT + ".audit..",
                        ROOT + ".inventory..", ROOT + ".reconciliation..")
                .check(SANDBOX);
    }
}
