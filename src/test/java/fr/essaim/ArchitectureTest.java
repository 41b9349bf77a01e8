package fr.essaim;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;

import org.flywaydb.core.api.migration.JavaMigration;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The shape of the code, checked on the compiled classes of {@code src/main/java}:
 *
 * <pre>
 *   startup                                   wires everything at start; nothing imports it
 *   api, web, partner, opendata, alert,       the web edge and the features that are pages and API
 *   essaimage
 *   content, search, security, sheet,         the features
 *   theme, territory, markdown, mail, review
 *   shared, problem                           JSON, YAML, text folding, problem details: import no other
 *                                             Essaim package
 *   infra                                     transactions, JDBC, data source, database identity,
 *                                             migrations: imports no Essaim package
 * </pre>
 *
 * No package cycle among {@code fr.essaim.*}, and each layer uses only the layers below it.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("fr.essaim");

    @Test
    void noPackageCycle() {
        slices().matching("fr.essaim.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void nothingImportsTheStartupPackage() {
        noClasses().that().resideOutsideOfPackage("fr.essaim.startup..")
                .should().dependOnClassesThat().resideInAPackage("fr.essaim.startup..")
                .check(CLASSES);
    }

    @Test
    void infrastructureAndSharedHelpersImportNoOtherEssaimPackage() {
        noClasses().that().resideInAPackage("fr.essaim.infra..")
                .should().dependOnClassesThat(resideInAPackage("fr.essaim..").and(not(resideInAPackage("fr.essaim.infra.."))))
                .check(CLASSES);
        noClasses().that().resideInAPackage("fr.essaim.shared..")
                .should().dependOnClassesThat(resideInAPackage("fr.essaim..").and(not(resideInAPackage("fr.essaim.shared.."))))
                .check(CLASSES);
    }

    /** A migration is history: what it did must not change when the application's code does. */
    @Test
    void migrationsCallNoApplicationCode() {
        noClasses().that().areAssignableTo(JavaMigration.class)
                .should().dependOnClassesThat(resideInAPackage("fr.essaim..").and(not(assignableTo(JavaMigration.class))))
                .check(CLASSES);
    }

    @Test
    void eachLayerUsesOnlyTheLayersBelowIt() {
        layeredArchitecture().consideringOnlyDependenciesInAnyPackage("fr.essaim..")
                .layer("Startup").definedBy("fr.essaim.startup..")
                .layer("Edge").definedBy("fr.essaim.api..", "fr.essaim.web..", "fr.essaim.partner..", "fr.essaim.opendata..",
                        "fr.essaim.alert..", "fr.essaim.essaimage..")
                .layer("Features").definedBy("fr.essaim.content..", "fr.essaim.search..", "fr.essaim.security..",
                        "fr.essaim.sheet..", "fr.essaim.theme..", "fr.essaim.territory..", "fr.essaim.markdown..",
                        "fr.essaim.mail..", "fr.essaim.review..")
                .layer("Shared").definedBy("fr.essaim.shared..", "fr.essaim.problem..")
                .layer("Infrastructure").definedBy("fr.essaim.infra..")
                .whereLayer("Startup").mayNotBeAccessedByAnyLayer()
                .whereLayer("Edge").mayOnlyBeAccessedByLayers("Startup")
                .whereLayer("Features").mayOnlyBeAccessedByLayers("Startup", "Edge")
                .whereLayer("Shared").mayOnlyBeAccessedByLayers("Startup", "Edge", "Features")
                .whereLayer("Infrastructure").mayOnlyBeAccessedByLayers("Startup", "Edge", "Features")
                .check(CLASSES);
    }
}
