package fr.essaim.config;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import fr.essaim.content.ContentService;
import fr.essaim.search.SearchService;
import fr.essaim.security.AccountService;
import fr.essaim.content.ImportReport;
import fr.essaim.sheet.SheetService;
import fr.essaim.territory.TerritoryCatalog;
import fr.essaim.territory.TerritoryStore;
import fr.essaim.theme.ThemeList;
import fr.essaim.theme.ThemeService;

/** Brings the database up to date, then fills an empty one with the corpus. */
@ApplicationScoped
public class ApplicationStartup {

    private static final Logger LOG = Logger.getLogger(ApplicationStartup.class.getName());

    @Resource(lookup = DataSourceDeclaration.JNDI_NAME)
    DataSource dataSource;

    @Inject
    @ConfigProperty(name = "essaim.content.dir", defaultValue = "./content")
    String contentDir;

    @Inject
    ThemeService themes;

    @Inject
    SheetService sheets;

    @Inject
    ContentService content;

    @Inject
    AccountService accounts;

    @Inject
    SearchService search;

    @Inject
    @ConfigProperty(name = "essaim.admin.password")
    java.util.Optional<String> adminPassword;

    @Inject
    TerritoryCatalog territories;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        DatabaseMigration.migrate(dataSource);
        int themeCount = themes.synchronize(ThemeList.fromClasspath());
        LOG.info(() -> "Thèmes : " + themeCount);
        loadTerritories();
        try {
            accounts.createAdminIfNone(adminPassword.orElse(null));
        } catch (SQLException e) {
            throw new IllegalStateException("Création du compte admin impossible : " + e.getMessage(), e);
        }
        if (sheets.countSheets() == 0) {
            importCorpus(Path.of(contentDir).toAbsolutePath().normalize());
        }
        try {
            search.start();
        } catch (IOException e) {
            throw new IllegalStateException("Ouverture de l'index de recherche impossible : " + e.getMessage(), e);
        }
    }

    private void loadTerritories() {
        long start = System.nanoTime();
        try {
            int loaded = TerritoryStore.loadIfEmpty(dataSource, territories.all());
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (loaded > 0) {
                LOG.info(() -> "Territoires : " + loaded + " chargés en " + millis + " ms");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Chargement des territoires impossible : " + e.getMessage(), e);
        }
    }

    private void importCorpus(Path folder) {
        long start = System.nanoTime();
        ImportReport report = content.importFirstCorpus(folder);
        for (ImportReport.Entry refused : report.entries()) {
            if (refused.outcome() == ImportReport.Outcome.REFUSED) {
                LOG.warning(() -> "Fiche refusée : " + folder.resolve(refused.path()) + " — " + String.join(" ; ", refused.reasons()));
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        LOG.info(() -> "Corpus " + folder + " : " + report.count(ImportReport.Outcome.IMPORTED) + " fiche(s) importée(s), "
                + report.count(ImportReport.Outcome.REFUSED) + " refusée(s) en " + millis + " ms");
    }
}
