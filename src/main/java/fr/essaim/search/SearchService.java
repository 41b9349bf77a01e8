package fr.essaim.search;

import java.io.IOException;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import fr.essaim.infra.DataSourceDeclaration;
import fr.essaim.infra.DatabaseIdentity;
import fr.essaim.infra.Transactions;
import fr.essaim.sheet.SheetChanged;
import fr.essaim.sheet.SheetService;
import fr.essaim.territory.TerritoryCatalog;
import fr.essaim.theme.ThemeService;
import fr.essaim.sheet.ChangeLog;

/**
 * Keeps this node's index equal to the published content of the database, by tailing the change
 * log, and answers searches. A missing, broken or outdated index is rebuilt in the background
 * while the application serves.
 */
@ApplicationScoped
public class SearchService {

    private static final Logger LOG = Logger.getLogger(SearchService.class.getName());
    private static final long TAIL_EVERY_MILLIS = 100;
    private static final long SUGGESTIONS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final long PRUNE_EVERY_NANOS = TimeUnit.HOURS.toNanos(1);

    /** Where the index stands, for the health check and the administrators. */
    public record Status(String state, long appliedSequence, long lastChange, int indexed, int total, boolean serving) {
        /**
         * Ready to answer: caught up and warmed up, or rebuilding (or warming up after a rebuild)
         * aside while a sound index serves.
         */
        public boolean ready() {
            return "pret".equals(state) || ("reconstruction".equals(state) && serving);
        }
    }

    @Inject
    SheetService sheets;

    @Inject
    ChangeLog changeLog;

    @Inject
    TerritoryCatalog territories;

    @Inject
    ThemeService themes;

    @Inject
    Transactions transactions;

    @Inject
    @ConfigProperty(name = "essaim.data.dir", defaultValue = "./data")
    String dataDir;

    /** How long the change log keeps an entry: a node stopped for longer rebuilds its index. */
    @Inject
    @ConfigProperty(name = "essaim.changelog.retention.days", defaultValue = "30")
    int retentionDays;

    @Resource(lookup = DataSourceDeclaration.JNDI_NAME)
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threads;

    @Resource
    ManagedExecutorService executor;

    private volatile Runnable pageWarmUp = () -> { };
    private final ReentrantLock writing = new ReentrantLock();
    private final AtomicBoolean rebuilding = new AtomicBoolean();
    private final AtomicBoolean refreshingSuggestions = new AtomicBoolean();
    private final AtomicBoolean committing = new AtomicBoolean();
    /** Released when this node commits a change: the tail applies it without waiting for its next turn. */
    private final Semaphore changed = new Semaphore(0);
    private volatile boolean following;
    private Thread tail;
    private volatile SearchEngine engine;
    private volatile String state = "demarrage";
    private volatile int rebuilt;
    private volatile int toRebuild;
    private volatile boolean suggestionsStale;
    private volatile long suggestionsBuilt = System.nanoTime();
    private long lastPrune = System.nanoTime() - PRUNE_EVERY_NANOS;

    /** Opens the index and follows the change log, without pages to warm up. */
    public void start() throws IOException {
        start(() -> { });
    }

    /**
     * Opens the index and follows the change log. Readiness waits until the index is caught up
     * (or rebuilt) and warmed up: searches of every shape, the completion list, then
     * {@code pages} (the application's own pages, asked by the caller).
     */
    public void start(Runnable pages) throws IOException {
        this.pageWarmUp = pages;
        Map<Integer, String> themeLabels = themes.labels();
        SearchIndex index = openIndex(themeLabels);
        engine = new SearchEngine(index, territories, themeLabels, sheets.schema(), FrenchAnalysis.synonymsFromClasspath());
        if (index.needsRebuild()) {
            state = "reconstruction";
            executor.submit(this::rebuild);
        } else {
            try {
                catchUp();
                state = "echauffement";
                executor.submit(() -> warmUpThenServe(false));
            } catch (IndexBehindException e) {
                LOG.info(e::getMessage);
                state = "reconstruction";
                executor.submit(this::rebuild);
            }
        }
        following = true;
        tail = threads.newThread(this::follow);
        tail.setName("essaim-index-tail");
        tail.start();
    }

    private SearchIndex openIndex(Map<Integer, String> themeLabels) throws IOException {
        SearchIndex.Expected expected;
        try {
            String database = DatabaseIdentity.of(dataSource);
            // In a transaction: an entity manager used without one on this thread is closed by the next one it runs.
            expected = transactions.inNewTransaction(() -> new SearchIndex.Expected(database, changeLog.lastChange(),
                    changeLog.firstKept()));
        } catch (SQLException e) {
            throw new IOException("base de données injoignable : " + e.getMessage(), e);
        }
        return SearchIndex.open(Path.of(dataDir).toAbsolutePath().normalize().resolve("index"), territories, themeLabels,
                expected);
    }

    /**
     * Before {@link #start}: an index of the first import, built from its batches as they are
     * committed ({@link ImportIndexing}), so that the start need not read the corpus back. It is kept
     * only if it then holds every published sheet; otherwise the start rebuilds as usual.
     */
    public ImportIndexing indexWhileImporting() {
        try {
            return ImportIndexing.start(openIndex(themes.labels()), indexed -> {
                long published = transactions.inNewTransaction(sheets::countPublished);
                if (published != indexed) {
                    throw new ImportIndexing.Incomplete(indexed + " fiches indexées pendant l'import, " + published + " publiées");
                }
                return transactions.inNewTransaction(changeLog::lastChange);
            }, threads);
        } catch (IOException | RuntimeException e) {
            // The start still works (it rebuilds afterwards), but reading the corpus twice costs a minute at 100 000 sheets.
            LOG.log(Level.WARNING, "Index de l'import impossible à ouvrir", e);
            return ImportIndexing.none(String.valueOf(e.getMessage()));
        }
    }

    /**
     * Indexes every published sheet again into a new folder, then switches to it and applies what
     * changed meanwhile. The current index serves, and keeps following publications, until the
     * switch; if the rebuild fails it simply stays. One rebuild at a time.
     */
    public void rebuild() {
        if (!rebuilding.compareAndSet(false, true)) {
            LOG.info("Reconstruction de l'index déjà en cours");
            return;
        }
        boolean serving = engine.index().isSound();
        try {
            state = "reconstruction";
            long start = System.nanoTime();
            rebuilt = 0;
            LOG.info("Reconstruction de l'index de recherche");
            int count = new IndexSync(sheets, changeLog, engine.index(), transactions).rebuild(done -> {
                rebuilt = done;
                if (done % 10_000 == 0) {
                    LOG.info(() -> "Reconstruction de l'index : " + done + " fiches indexées");
                }
            });
            toRebuild = count;
            long millis = (System.nanoTime() - start) / 1_000_000;
            LOG.info(() -> "Index reconstruit : " + toRebuild + " fiches en " + millis + " ms");
            // A node that served during the rebuild stays ready while the new index warms up.
            state = serving ? "reconstruction" : "echauffement";
            warmUpThenServe(true);
        } catch (IOException | RuntimeException e) {
            // A sound index still serves what it had; an empty stand-in leaves the node unready.
            state = engine.index().isSound() ? "pret" : "erreur";
            LOG.log(Level.SEVERE, "Reconstruction de l'index impossible, l'index précédent reste en service", e);
        } finally {
            rebuilding.set(false);
        }
    }

    /**
     * A change committed on this node is applied at once rather than at the next turn of the tail:
     * what this node publishes is searchable sooner. Changes of other nodes wait for the turn. Only
     * a permit is released here: the committing thread does no index work.
     */
    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) SheetChanged change) {
        changed.release();
    }

    /** Applies the change log to the index every {@link #TAIL_EVERY_MILLIS}, or at once after a local change. */
    private void follow() {
        while (following) {
            tailQuietly();
            try {
                changed.tryAcquire(TAIL_EVERY_MILLIS, TimeUnit.MILLISECONDS);
                changed.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void tailQuietly() {
        SearchEngine current = engine;
        // While an empty stand-in waits for its rebuild, the rebuild does the work: the change log is not replayed into it.
        if (current == null || !current.index().isSound() || !writing.tryLock()) {
            return;
        }
        try {
            pruneChangeLogIfDue();
            if (catchUp() > 0) {
                suggestionsStale = true;
            }
            commitInBackgroundIfDue(current.index());
        } catch (IndexBehindException e) {
            if (!rebuilding.get()) {
                LOG.warning(e::getMessage);
                executor.submit(this::rebuild);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Mise à jour de l'index impossible, nouvel essai dans un instant", e);
        } finally {
            writing.unlock();
        }
        // The whole completion list, which drops withdrawn titles, is rebuilt at most once a minute and
        // beside the tail: a publication never waits for it.
        if (suggestionsStale && System.nanoTime() - suggestionsBuilt > SUGGESTIONS_EVERY_NANOS) {
            refreshSuggestionsInBackground();
        }
    }

    /** The disk sync of a commit runs beside the tail: the next publication is applied meanwhile. */
    private void commitInBackgroundIfDue(SearchIndex index) {
        if (index.commitDue() && committing.compareAndSet(false, true)) {
            executor.submit(() -> {
                try {
                    index.commitIfDue();
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.WARNING, "Validation de l'index impossible, nouvel essai dans un instant", e);
                } finally {
                    committing.set(false);
                }
            });
        }
    }

    /**
     * The retention rule of the change log: entries older than {@code essaim.changelog.retention.days}
     * are deleted, at most once an hour by each node. A node stopped for longer rebuilds its index
     * when it starts again, as the log no longer reaches back to where its index stopped.
     */
    private void pruneChangeLogIfDue() {
        if (System.nanoTime() - lastPrune < PRUNE_EVERY_NANOS) {
            return;
        }
        lastPrune = System.nanoTime();
        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minusDays(retentionDays);
        int pruned = transactions.inNewTransaction(() -> changeLog.prune(before));
        if (pruned > 0) {
            LOG.info(() -> "Journal des changements : " + pruned + " entrée(s) de plus de " + retentionDays + " jours supprimée(s)");
        }
    }

    /**
     * The first searches after a start or a rebuild are served like the later ones: the facet
     * states, the completion list and the compiled code of searches and pages are ready before
     * readiness says so. A failed warm-up only costs speed.
     */
    private void warmUpThenServe(boolean rebuilt) {
        long start = System.nanoTime();
        // The completion list is built on the other core while searches and pages warm up.
        Thread completion = threads.newThread(this::refreshSuggestionsQuietly);
        completion.start();
        try {
            SearchWarmUp.run(engine);
            pageWarmUp.run();
            completion.join();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Échauffement de la recherche interrompu", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info(() -> "Recherche échauffée " + (rebuilt ? "après reconstruction " : "") + "en "
                + (System.nanoTime() - start) / 1_000_000 + " ms");
        state = "pret";
    }

    /** The completion list is rebuilt beside the tail (every title: a second of CPU at 100,000 sheets). */
    private void refreshSuggestionsInBackground() {
        if (refreshingSuggestions.compareAndSet(false, true)) {
            suggestionsStale = false;
            executor.submit(this::refreshSuggestionsQuietly);
        }
    }

    private void refreshSuggestionsQuietly() {
        long start = System.nanoTime();
        try {
            engine.refreshSuggestions();
            LOG.info(() -> "Liste de complétion construite en " + (System.nanoTime() - start) / 1_000_000 + " ms");
        } catch (IOException | RuntimeException e) {
            suggestionsStale = true;
            LOG.log(Level.WARNING, "Liste de complétion non reconstruite, nouvel essai plus tard", e);
        } finally {
            suggestionsBuilt = System.nanoTime();
            refreshingSuggestions.set(false);
        }
    }

    private int catchUp() throws IOException {
        SearchEngine current = engine;
        return new IndexSync(sheets, changeLog, current.index(), transactions).catchUp(published -> {
            try {
                current.addSuggestions(published);
            } catch (IOException e) {
                suggestionsStale = true;
                LOG.log(Level.WARNING, "Complétion non mise à jour", e);
            }
        });
    }

    public SearchResult search(SearchRequest request) throws InvalidSearchException, IOException {
        return engine().search(request);
    }

    /** The answer kept for this search, or null when it would have to be computed. */
    public SearchResult kept(SearchRequest request) {
        SearchEngine current = engine;
        return current == null ? null : current.kept(request);
    }

    /** Every published sheet a search finds, whatever its size: for exports of a selection. */
    public java.util.Set<String> allSlugs(String query, Map<String, List<String>> filters)
            throws InvalidSearchException, IOException {
        java.util.Set<String> slugs = new java.util.LinkedHashSet<>();
        for (int page = 1; ; page++) {
            SearchResult result = search(SearchRequest.of(query, filters, null, page, SearchRequest.MAX_SIZE));
            result.hits().forEach(hit -> slugs.add(hit.slug()));
            if (result.hits().size() < SearchRequest.MAX_SIZE || (long) page * SearchRequest.MAX_SIZE >= SearchRequest.MAX_DEPTH) {
                return slugs;
            }
        }
    }

    /** Every hit of a search in its order, a batch of slugs at a time: for downloads of a whole result. */
    public void scan(SearchRequest request, int batch, SearchScope.SlugBatches consumer)
            throws InvalidSearchException, IOException {
        engine().scan(request, batch, consumer);
    }

    /** Which of these published sheets the search finds, with the search's own semantics. */
    public List<SearchResult.Hit> among(SearchRequest request, java.util.Collection<String> slugs)
            throws InvalidSearchException, IOException {
        return engine().among(request, slugs);
    }

    public List<Completion> suggest(String typed, int count) throws IOException {
        return engine().suggest(typed, count);
    }

    public List<SearchResult.Hit> related(String slug, int count) throws IOException {
        return engine().related(slug, count);
    }

    /** Published sheets per value of a facet ({@code theme}, {@code territory}…); empty while the index opens. */
    public Map<String, Long> countAll(String dim) {
        try {
            return engine().countAll(dim);
        } catch (IOException e) {
            return Map.of();
        }
    }

    public Status status() {
        SearchEngine current = engine;
        long applied = current == null ? 0 : current.index().appliedSequence();
        return new Status(state, applied, changeLog.lastChange(), rebuilt, toRebuild, current != null && current.index().isSound());
    }

    private SearchEngine engine() throws IOException {
        SearchEngine current = engine;
        if (current == null) {
            throw new IOException("index de recherche pas encore ouvert");
        }
        return current;
    }

    /** Stops following the change log and closes the index; a second call does nothing. */
    @PreDestroy
    public void stop() {
        following = false;
        if (tail != null) {
            // Woken, not interrupted: an interrupt during a write would close the index's files under it.
            changed.release();
            try {
                tail.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writing.lock();
        try {
            SearchEngine current = engine;
            engine = null;
            if (current != null) {
                current.close();
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Fermeture de l'index", e);
        } finally {
            writing.unlock();
        }
    }
}
