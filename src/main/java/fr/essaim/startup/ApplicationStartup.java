package fr.essaim.startup;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import fr.essaim.alert.AlertService;
import fr.essaim.content.ContentService;
import fr.essaim.essaimage.TakeUps;
import fr.essaim.markdown.HtmlSanitizer;
import fr.essaim.search.ImportIndexing;
import fr.essaim.search.SearchIndex;
import fr.essaim.search.SearchService;
import fr.essaim.sheet.SheetRepository;
import fr.essaim.security.AccountService;
import fr.essaim.content.ImportReport;
import fr.essaim.infra.DataSourceDeclaration;
import fr.essaim.infra.DatabaseMigration;

/** Brings the database up to date, fills an empty one with the corpus, then opens the search index. */
@ApplicationScoped
public class ApplicationStartup {

    private static final Logger LOG = Logger.getLogger(ApplicationStartup.class.getName());

    @Resource(lookup = DataSourceDeclaration.JNDI_NAME)
    DataSource dataSource;

    @Inject
    @ConfigProperty(name = "essaim.content.dir", defaultValue = "./content")
    String contentDir;

    @Inject
    ContentService content;

    @Inject
    SheetRepository sheets;

    @Inject
    AccountService accounts;

    @Inject
    SearchService search;

    @Inject
    @ConfigProperty(name = "essaim.admin.password")
    Optional<String> adminPassword;

    @Resource
    ManagedExecutorService executor;

    @Inject
    StartupState startup;

    @Inject
    AlertService alerts;

    @Inject
    TakeUps takeUps;

    /**
     * Returns at once so that the application is deployed in seconds: the work runs in the
     * background while every request is answered 503 and readiness stays down.
     */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        SearchIndex.loadCodecs();
        Optional<Integer> port = httpPort();
        executor.submit(() -> {
            port.ifPresent(ApplicationStartup::awaitListener);
            start();
        });
    }

    /** The port Payara Micro listens on, when it runs the application (not in unit tests). */
    static Optional<Integer> httpPort() {
        return ConfigProvider.getConfig(ApplicationStartup.class.getClassLoader())
                .getOptionalValue("payara.instance.http.port", Integer.class);
    }

    /**
     * Payara Micro opens the HTTP listener once the application is deployed (post-deploy-commands.txt),
     * and reloads the web module's resources as it does: for a moment the application's jars are
     * closed, and a class first loaded then fails for good ("zip file closed": a node that never
     * started, or an index built twice). The start's work waits until the listener accepts
     * connections, which it does after that reload; at most a minute, then it goes on regardless.
     */
    private static void awaitListener(int port) {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < end) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        LOG.warning(() -> "Écoute HTTP " + port + " toujours fermée après une minute : le démarrage continue");
    }

    /**
     * An H2 file still open when the process ends may not open again (its free-space map is rebuilt
     * on opening, and H2 can fail at it), so the embedded database is closed properly at shutdown,
     * once the index no longer reads the change log. PostgreSQL needs nothing.
     */
    void onStop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
        search.stop();
        try (Connection connection = dataSource.getConnection()) {
            if ("H2".equals(connection.getMetaData().getDatabaseProductName())) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SHUTDOWN");
                }
                LOG.info("Base H2 fermée");
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Fermeture de la base H2", e);
        }
    }

    private void start() {
        try {
            startup.phase("migration");
            DatabaseMigration.migrate(dataSource);
            Seeding.underLock(dataSource, this::seed);
            startup.phase("index");
            search.start(() -> PageWarmUp.run(startup));
            alerts.schemaReady();
            startup.started();
            LOG.info("Essaim a démarré");
        } catch (SQLException | IOException | RuntimeException | Error e) {
            // An Error too: the executor would keep it in a future nobody reads, and the node would say it starts forever.
            startup.failed(String.valueOf(e.getMessage()));
            LOG.log(Level.SEVERE, "Démarrage impossible", e);
        }
    }

    /** Runs under the seeding lock: whatever another node already did is found done. */
    private void seed() throws SQLException {
        startup.phase("donnees-de-reference");
        accounts.createAdminIfNone(adminPassword.orElse(null));
        resanitizeStoredHtml();
        if (!Seeding.isDone(dataSource, "corpus")) {
            // An import cut short (a crash, a kill) is done again: sheets already in are unchanged.
            startup.phase("import-du-corpus");
            importCorpus(Path.of(contentDir).toAbsolutePath().normalize());
            Seeding.markDone(dataSource, "corpus");
        }
    }

    /** Once per allow-list version; a database without revisions has nothing to clean. */
    private void resanitizeStoredHtml() throws SQLException {
        String step = "politique-html-" + HtmlSanitizer.POLICY_VERSION;
        if (Seeding.isDone(dataSource, step)) {
            return;
        }
        startup.phase("nettoyage-html");
        long start = System.nanoTime();
        int changed = sheets.rewriteAllHtml(dataSource, HtmlSanitizer::sanitize);
        Seeding.markDone(dataSource, step);
        long millis = (System.nanoTime() - start) / 1_000_000;
        LOG.info(() -> "HTML des révisions nettoyé avec la politique " + HtmlSanitizer.POLICY_VERSION + " : "
                + changed + " modifiée(s) en " + millis + " ms");
    }

    private void readTakeUps() {
        long start = System.nanoTime();
        try {
            int taken = takeUps.counts().size();
            LOG.info(() -> "Reprises lues : " + taken + " fiche(s) reprise(s), en " + (System.nanoTime() - start) / 1_000_000 + " ms");
        } catch (RuntimeException e) {
            // The first page that needs them reads them again.
            LOG.log(Level.WARNING, "Lecture des reprises au démarrage", e);
        }
    }

    private void importCorpus(Path folder) {
        long start = System.nanoTime();
        ImportReport report;
        long millis;
        // The corpus is indexed as it comes in: the start then finds its index built.
        try (ImportIndexing indexing = search.indexWhileImporting()) {
            report = content.importFirstCorpus(folder, indexing);
            millis = (System.nanoTime() - start) / 1_000_000;
            // The final merge of the index keeps one core: the take-ups, which the first sheet page would
            // otherwise read from every revision, are read on the other one meanwhile.
            executor.submit(this::readTakeUps);
            indexing.finish();
        }
        for (ImportReport.Entry refused : report.entries()) {
            if (refused.outcome() == ImportReport.Outcome.REFUSED) {
                LOG.warning(() -> "Fiche refusée : " + folder.resolve(refused.path()) + " — " + String.join(" ; ", refused.reasons()));
            }
        }
        LOG.info(() -> "Corpus " + folder + " : " + report.count(ImportReport.Outcome.IMPORTED) + " fiche(s) importée(s), "
                + report.count(ImportReport.Outcome.REFUSED) + " refusée(s) en " + millis + " ms");
    }
}
