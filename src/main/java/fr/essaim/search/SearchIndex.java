package fr.essaim.search;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.DocValuesFormat;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.PostingsFormat;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

import fr.essaim.territory.TerritoryCatalog;

/**
 * The Lucene index of published sheets, on disk. It records in each commit the last change-log
 * number it applied, its schema version and the database it was built from, so that a restart
 * resumes where it stopped (changes are searchable as soon as applied, committed every few seconds) and an index of another version, of another database or ahead of the
 * database (restored from an older backup) is known to need a rebuild.
 *
 * <p>The index lives in a numbered folder under the root, named by the file {@code current}. A
 * rebuild writes a new folder while the old one keeps serving, and the switch is the atomic
 * replacement of {@code current}: a rebuild that fails leaves the old index in place, at start-up too.
 */
public final class SearchIndex implements Closeable {

    private static final Logger LOG = Logger.getLogger(SearchIndex.class.getName());
    private static final long COMMIT_EVERY_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

    /** What the index must agree with: its database, the last change of its log and the oldest one kept. */
    public record Expected(String database, long lastChange, long firstKept) {
    }

    /** Opens the Lucene directory of a folder: the file system, or a test's faulty disk. */
    @FunctionalInterface
    interface Directories {
        Directory open(Path folder) throws IOException;
    }

    private final IndexFolders folders;
    private final Directories directories;
    private final String database;
    private final FacetsConfig facetsConfig = IndexSchema.facetsConfig();
    private final SheetDocuments documents;
    private final boolean needsRebuild;
    private final ReentrantLock rebuilding = new ReentrantLock();
    private volatile Live live;
    private volatile boolean sound;
    private volatile long appliedSequence;
    /** Facet ordinals of the newest reader: computed once per refresh, shared by the searches on it. */
    private volatile FacetStates facetStates;
    private final FacetOrdinals.Cache ordinalCache = new FacetOrdinals.Cache();
    private volatile long generation;
    private volatile boolean uncommitted;
    private volatile long lastCommit = System.nanoTime();
    /** Held by a commit: not the lock of {@link #apply}, so that a publication never waits for a disk sync. */
    private final Object committing = new Object();

    /** The folder being served, with its writer and the searchers opened on it. */
    private record Live(Path folder, Directory directory, IndexWriter writer, SearcherManager searchers) implements Closeable {
        @Override
        public void close() throws IOException {
            try (directory; writer; searchers) {
                // Closed in reverse order: searchers, writer, directory.
            }
        }
    }

    private SearchIndex(IndexFolders folders, Directories directories, String database, SheetDocuments documents,
            boolean needsRebuild) {
        this.folders = folders;
        this.directories = directories;
        this.database = database;
        this.documents = documents;
        this.needsRebuild = needsRebuild;
        this.sound = !needsRebuild;
    }

    /**
     * Loads Lucene's codecs and formats, Java services read from the jars, on the calling thread. The
     * start-up calls it while the application is being deployed: a background thread that loaded them
     * first, during the deployment's last step, read a jar the container had just closed, and Lucene
     * could then open no index until the next start.
     */
    public static void loadCodecs() {
        Codec.availableCodecs();
        PostingsFormat.availablePostingsFormats();
        DocValuesFormat.availableDocValuesFormats();
        KnnVectorsFormat.availableKnnVectorsFormats();
    }

    /** Opens the index under this root without checking it against a database (benchmarks, tools). */
    public static SearchIndex open(Path root, TerritoryCatalog territories, Map<Integer, String> themeLabels)
            throws IOException {
        return open(root, territories, themeLabels, null);
    }

    /**
     * Opens the index under this root. A missing, unreadable or other-version index, or one that
     * does not match {@code expected}, is started afresh in a new folder and flagged:
     * {@link #needsRebuild()} then says the database must be indexed again.
     */
    public static SearchIndex open(Path root, TerritoryCatalog territories, Map<Integer, String> themeLabels,
            Expected expected) throws IOException {
        return open(root, territories, themeLabels, expected, FSDirectory::open);
    }

    static SearchIndex open(Path root, TerritoryCatalog territories, Map<Integer, String> themeLabels,
            Expected expected, Directories directories) throws IOException {
        Files.createDirectories(root);
        SheetDocuments documents = new SheetDocuments(IndexSchema.facetsConfig(), territories, themeLabels);
        String database = expected == null ? "" : expected.database();
        IndexFolders folders = new IndexFolders(root);
        Path folder = folders.current();
        String reason = folder == null ? "index absent" : unusable(folder, expected, directories);
        SearchIndex index = new SearchIndex(folders, directories, database, documents, reason != null);
        if (reason != null) {
            LOG.info(() -> "Index de recherche à reconstruire : " + reason);
            // An empty stand-in serves until the rebuild switches to its own folder. It is never
            // named current: a crash before the switch means a rebuild again at the next start.
            folders.forgetCurrent();
            folder = folders.fresh();
            index.live = index.openLive(folder, IndexWriterConfig.OpenMode.CREATE);
            index.commit(index.live, 0);
        } else {
            index.live = index.openLive(folder, IndexWriterConfig.OpenMode.APPEND);
            index.appliedSequence = Long.parseLong(SegmentInfos.readLatestCommit(index.live.directory()).getUserData()
                    .getOrDefault(IndexSchema.SEQUENCE_KEY, "0"));
        }
        folders.removeAllBut(index.live.folder());
        return index;
    }

    /** Why the index in this folder cannot be used as it is; null when it can. */
    private static String unusable(Path folder, Expected expected, Directories directories) {
        try (Directory directory = directories.open(folder)) {
            if (!DirectoryReader.indexExists(directory)) {
                return "index absent";
            }
            Map<String, String> commit = SegmentInfos.readLatestCommit(directory).getUserData();
            if (!IndexSchema.VERSION.equals(commit.get(IndexSchema.VERSION_KEY))) {
                return "index d'une autre version (" + commit.get(IndexSchema.VERSION_KEY) + ")";
            }
            long sequence = Long.parseLong(commit.getOrDefault(IndexSchema.SEQUENCE_KEY, "0"));
            if (expected != null && !expected.database().equals(commit.get(IndexSchema.DATABASE_KEY))) {
                return "index construit sur une autre base de données";
            }
            if (expected != null && sequence < expected.firstKept() - 1) {
                return "index trop en retard (changement " + sequence + ", le journal des changements commence au "
                        + expected.firstKept() + ")";
            }
            if (expected != null && sequence > expected.lastChange()) {
                return "index en avance sur la base de données (changement " + sequence + ", la base s'arrête au "
                        + expected.lastChange() + " : base restaurée ?)";
            }
            try (DirectoryReader probe = DirectoryReader.open(directory)) {
                probe.numDocs();
            }
            return null;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Index de recherche illisible, il sera reconstruit", e);
            return "index illisible (" + e.getClass().getSimpleName() + ")";
        }
    }

    private Live openLive(Path folder, IndexWriterConfig.OpenMode mode) throws IOException {
        Directory directory = directories.open(folder);
        try {
            IndexWriterConfig config = new IndexWriterConfig(indexAnalyzer());
            // Fewer, larger segments while a whole corpus is indexed; well within a 512 MiB heap.
            config.setRAMBufferSizeMB(48);
            config.setOpenMode(mode);
            IndexWriter writer = new IndexWriter(directory, config);
            return new Live(folder, directory, writer, new SearcherManager(writer, new WarmingSearcherFactory()));
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    static Analyzer indexAnalyzer() {
        return new PerFieldAnalyzerWrapper(FrenchAnalysis.text(), Map.of(IndexSchema.SPELL, FrenchAnalysis.words()));
    }

    /** True when the index was found unusable at opening: the database must be indexed again. */
    public boolean needsRebuild() {
        return needsRebuild;
    }

    /** True once the served index holds the whole database as of some change (not an empty stand-in). */
    public boolean isSound() {
        return sound;
    }

    /** The last change-log number whose effect is searchable; on disk after the next commit, within seconds. */
    public long appliedSequence() {
        return appliedSequence;
    }

    /**
     * Applies the published state of some sheets (empty: no longer published), the changes after
     * {@code from} up to {@code to}. Returns false, applying nothing, when the index has moved from
     * {@code from} meanwhile (another catch-up, a rebuild switched in): the caller reads again.
     */
    public synchronized boolean apply(Map<String, Optional<IndexedSheet>> sheets, long from, long to) throws IOException {
        if (appliedSequence != from) {
            return false;
        }
        Live current = live;
        for (Map.Entry<String, Optional<IndexedSheet>> sheet : sheets.entrySet()) {
            Term id = new Term(IndexSchema.SLUG, sheet.getKey());
            if (sheet.getValue().isPresent()) {
                current.writer().updateDocument(id, documents.build(sheet.getValue().get()));
            } else {
                current.writer().deleteDocuments(id);
            }
        }
        appliedSequence = to;
        uncommitted = true;
        // Near-real-time: searches see the change now; it is made durable by the next commit.
        current.searchers().maybeRefreshBlocking();
        generation++;
        // Once the change is searchable: the commune counts of the new reader, so that no search waits for them.
        facetStates.communes();
        return true;
    }

    /**
     * Makes applied changes durable, at most once per {@link #COMMIT_EVERY_NANOS}, beside {@link #apply}:
     * a disk sync never stands between a publication and its search. It records the last change applied
     * before it starts; one applied meanwhile is applied again after a crash (applying is idempotent).
     */
    public void commitIfDue() throws IOException {
        synchronized (committing) {
            if (!commitDue()) {
                return;
            }
            uncommitted = false;
            long sequence = appliedSequence;
            try {
                live.writer().setLiveCommitData(commitData(sequence).entrySet());
                live.writer().commit();
                lastCommit = System.nanoTime();
            } catch (IOException | RuntimeException e) {
                uncommitted = true;
                throw e;
            }
        }
    }

    /**
     * Builds a new index of these sheets, given a page at a time, all published as of change
     * {@code sequence}, in a folder of its own while the current index keeps serving; then switches
     * to it. Returns how many. On failure the new folder is dropped and the current index stays.
     * Documents are built and analysed on every core.
     */
    public int rebuild(Iterable<List<IndexedSheet>> pages, long sequence, IntConsumer progress) throws IOException {
        return rebuild(pages, indexed -> sequence, progress);
    }

    /** The change a rebuilt index is committed as of, given how many sheets it holds; an exception refuses it. */
    @FunctionalInterface
    interface AsOf {
        long sequence(int indexed) throws IOException;
    }

    /** The same, for pages whose change is known only once they are all indexed. */
    int rebuild(Iterable<List<IndexedSheet>> pages, AsOf asOf, IntConsumer progress) throws IOException {
        if (!rebuilding.tryLock()) {
            throw new IOException("une reconstruction de l'index est déjà en cours");
        }
        try {
            Path folder = folders.fresh();
            Live built = null;
            try {
                built = openLive(folder, IndexWriterConfig.OpenMode.CREATE);
                int count = addAll(built.writer(), pages, progress);
                long sequence = asOf.sequence(count);
                // One segment: a search then seeks each term once and counts facets without global ordinals.
                built.writer().forceMerge(1);
                commit(built, sequence);
                folders.point(folder);
                switchTo(built, sequence);
                return count;
            } catch (IOException | RuntimeException e) {
                if (built != null) {
                    try {
                        built.writer().rollback();
                        built.close();
                    } catch (IOException | RuntimeException closing) {
                        e.addSuppressed(closing);
                    }
                }
                IndexFolders.deleteRecursively(folder);
                throw e;
            }
        } finally {
            rebuilding.unlock();
        }
    }

    private int addAll(IndexWriter writer, Iterable<List<IndexedSheet>> pages, IntConsumer progress) throws IOException {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger done = new AtomicInteger();
        try {
            Iterator<List<IndexedSheet>> reader = pages.iterator();
            List<IndexedSheet> page = reader.hasNext() ? reader.next() : List.of();
            while (!page.isEmpty()) {
                // A task per sheet: no core waits for another to finish a longer share of the page.
                List<java.util.concurrent.Future<?>> parts = new ArrayList<>(page.size());
                for (IndexedSheet sheet : page) {
                    parts.add(pool.submit(() -> writer.addDocument(documents.build(sheet))));
                }
                // The next page is read from the database while the cores analyse this one.
                List<IndexedSheet> next = reader.hasNext() ? reader.next() : List.of();
                for (java.util.concurrent.Future<?> part : parts) {
                    part.get();
                }
                progress.accept(done.addAndGet(page.size()));
                page = next;
            }
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("reconstruction interrompue", e);
        } catch (ExecutionException e) {
            // A failed write closes the writer and fails the writes after it: the first failure is the one told.
            Throwable cause = writer.getTragicException() != null ? writer.getTragicException() : e.getCause();
            throw cause instanceof IOException io ? io : new IOException(cause);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Serves the rebuilt folder from now on; the catch-up then applies what was published while it was built. */
    private synchronized void switchTo(Live built, long sequence) {
        synchronized (committing) {
            switchWhileNoCommit(built, sequence);
        }
    }

    private void switchWhileNoCommit(Live built, long sequence) {
        Live old = live;
        live = built;
        appliedSequence = sequence;
        uncommitted = false;
        sound = true;
        generation++;
        try {
            // Searches still running on the old folder keep their reader until they release it.
            old.close();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Fermeture de l'ancien index", e);
        }
        IndexFolders.deleteRecursively(old.folder());
    }

    private void commit(Live target, long sequence) throws IOException {
        target.writer().setLiveCommitData(commitData(sequence).entrySet());
        target.writer().commit();
        if (target == live) {
            appliedSequence = sequence;
            uncommitted = false;
            lastCommit = System.nanoTime();
        }
        target.searchers().maybeRefreshBlocking();
        generation++;
    }

    /** True when changes applied are waiting for a commit and the last one is old enough. */
    public boolean commitDue() {
        return uncommitted && System.nanoTime() - lastCommit >= COMMIT_EVERY_NANOS;
    }

    private Map<String, String> commitData(long sequence) {
        return Map.of(IndexSchema.VERSION_KEY, IndexSchema.VERSION, IndexSchema.DATABASE_KEY, database,
                IndexSchema.SEQUENCE_KEY, Long.toString(sequence));
    }

    /** Runs a read on the current searcher, released afterwards whatever happens. */
    <T> T read(SearchWork<T> work) throws IOException {
        SearcherManager searchers = live.searchers();
        IndexSearcher searcher;
        try {
            searcher = searchers.acquire();
        } catch (AlreadyClosedException e) {
            // A rebuild switched folders between the two lines above: the new one serves.
            searchers = live.searchers();
            searcher = searchers.acquire();
        }
        try {
            return work.apply(searcher, facetStates(searcher.getIndexReader()));
        } finally {
            searchers.release(searcher);
        }
    }

    /** A read of the index. */
    @FunctionalInterface
    interface SearchWork<T> {
        T apply(IndexSearcher searcher, FacetStates facets) throws IOException;
    }

    /**
     * Computes the facet ordinals of each new reader as it is opened, in the thread that refreshes,
     * so that no search pays for them and they are not computed by every search at once.
     */
    private final class WarmingSearcherFactory extends SearcherFactory {
        @Override
        public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) throws IOException {
            facetStates = new FacetStates(reader, facetsConfig, ordinalCache);
            return new IndexSearcher(reader);
        }
    }

    private FacetStates facetStates(IndexReader reader) throws IOException {
        FacetStates current = facetStates;
        if (current != null && current.reader() == reader) {
            return current;
        }
        // A searcher of a folder switched out meanwhile: rare, computed for this search only.
        return new FacetStates(reader, facetsConfig, ordinalCache);
    }

    /** Changes whenever what searches see changes: what searches cache is valid for one generation. */
    long generation() {
        return generation;
    }

    FacetsConfig facetsConfig() {
        return facetsConfig;
    }

    /** How many sheets are searchable now. */
    public int size() throws IOException {
        return read((searcher, facets) -> searcher.getIndexReader().numDocs());
    }

    @Override
    public synchronized void close() throws IOException {
        synchronized (committing) {
            if (uncommitted) {
                commit(live, appliedSequence);
            }
            live.close();
        }
    }
}
