package fr.essaim.search;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

import fr.essaim.territory.TerritoryCatalog;

/**
 * The Lucene index of published sheets, on disk. It records in each commit the last change-log
 * number it applied and its schema version, so that a restart resumes where it stopped and an
 * index of another version is known to need a rebuild.
 */
public final class SearchIndex implements Closeable {

    private static final Logger LOG = Logger.getLogger(SearchIndex.class.getName());

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final FacetsConfig facetsConfig = IndexSchema.facetsConfig();
    private final SheetDocuments documents;
    private final boolean needsRebuild;
    private volatile long appliedSequence;
    private volatile FacetState facetState;
    private volatile long generation;

    /** Facet ordinals of one reader: computed once per refresh, shared by the searches on it. */
    private record FacetState(IndexReader reader, SortedSetDocValuesReaderState state) {
    }

    private SearchIndex(Directory directory, IndexWriter writer, SheetDocuments documents, boolean needsRebuild,
            long appliedSequence) throws IOException {
        this.directory = directory;
        this.writer = writer;
        this.documents = documents;
        this.needsRebuild = needsRebuild;
        this.appliedSequence = appliedSequence;
        this.searchers = new SearcherManager(writer, new SearcherFactory());
    }

    /**
     * Opens the index in this folder. A missing, unreadable or other-version index is started
     * afresh and flagged: {@link #needsRebuild()} then says the database must be indexed again.
     */
    public static SearchIndex open(Path folder, TerritoryCatalog territories, Map<Integer, String> themeLabels)
            throws IOException {
        Files.createDirectories(folder);
        Directory directory = FSDirectory.open(folder);
        String reason = null;
        long sequence = 0;
        if (!DirectoryReader.indexExists(directory)) {
            reason = "index absent";
        } else {
            try {
                Map<String, String> commit = SegmentInfos.readLatestCommit(directory).getUserData();
                if (!IndexSchema.VERSION.equals(commit.get(IndexSchema.VERSION_KEY))) {
                    reason = "index d'une autre version (" + commit.get(IndexSchema.VERSION_KEY) + ")";
                } else {
                    sequence = Long.parseLong(commit.getOrDefault(IndexSchema.SEQUENCE_KEY, "0"));
                    try (DirectoryReader probe = DirectoryReader.open(directory)) {
                        probe.numDocs();
                    }
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "Index de recherche illisible, il sera reconstruit", e);
                reason = "index illisible (" + e.getClass().getSimpleName() + ")";
            }
        }
        if (reason != null) {
            // The folder belongs to the index: whatever is left of an unusable one goes.
            for (String file : directory.listAll()) {
                directory.deleteFile(file);
            }
        }
        IndexWriterConfig config = new IndexWriterConfig(indexAnalyzer());
        // Fewer, larger segments while a whole corpus is indexed; well within a 512 MiB heap.
        config.setRAMBufferSizeMB(48);
        config.setOpenMode(reason == null ? IndexWriterConfig.OpenMode.CREATE_OR_APPEND : IndexWriterConfig.OpenMode.CREATE);
        IndexWriter writer = new IndexWriter(directory, config);
        if (reason != null) {
            final String why = reason;
            LOG.info(() -> "Index de recherche à reconstruire : " + why);
            sequence = 0;
        }
        SheetDocuments documents = new SheetDocuments(IndexSchema.facetsConfig(), territories, themeLabels);
        return new SearchIndex(directory, writer, documents, reason != null, sequence);
    }

    static Analyzer indexAnalyzer() {
        return new PerFieldAnalyzerWrapper(FrenchAnalysis.text(), Map.of(IndexSchema.SPELL, FrenchAnalysis.words()));
    }

    public boolean needsRebuild() {
        return needsRebuild;
    }

    /** The last change-log number whose effect is committed in the index. */
    public long appliedSequence() {
        return appliedSequence;
    }

    /** Applies the published state of some sheets (empty: no longer published), up to change {@code sequence}. */
    public synchronized void apply(Map<String, Optional<IndexedSheet>> sheets, long sequence) throws IOException {
        for (Map.Entry<String, Optional<IndexedSheet>> sheet : sheets.entrySet()) {
            Term id = new Term(IndexSchema.SLUG, sheet.getKey());
            if (sheet.getValue().isPresent()) {
                writer.updateDocument(id, documents.build(sheet.getValue().get()));
            } else {
                writer.deleteDocuments(id);
            }
        }
        commit(sequence);
    }

    /**
     * Replaces the whole index with these sheets, given a page at a time, all published as of
     * change {@code sequence}; returns how many. Documents are built and analysed on every core.
     */
    public synchronized int rebuild(Iterable<List<IndexedSheet>> pages, long sequence, IntConsumer progress)
            throws IOException {
        writer.deleteAll();
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger done = new AtomicInteger();
        try {
            for (List<IndexedSheet> page : pages) {
                List<Future<?>> parts = new ArrayList<>();
                int step = (page.size() + threads - 1) / threads;
                for (int from = 0; from < page.size(); from += step) {
                    List<IndexedSheet> part = page.subList(from, Math.min(page.size(), from + step));
                    parts.add(pool.submit(() -> {
                        for (IndexedSheet sheet : part) {
                            writer.addDocument(documents.build(sheet));
                        }
                        return null;
                    }));
                }
                for (Future<?> part : parts) {
                    part.get();
                }
                progress.accept(done.addAndGet(page.size()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("reconstruction interrompue", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        commit(sequence);
        return done.get();
    }

    private void commit(long sequence) throws IOException {
        writer.setLiveCommitData(Map.of(
                IndexSchema.VERSION_KEY, IndexSchema.VERSION,
                IndexSchema.SEQUENCE_KEY, Long.toString(sequence)).entrySet());
        writer.commit();
        appliedSequence = sequence;
        searchers.maybeRefreshBlocking();
        generation++;
    }

    /** Runs a read on the current searcher, released afterwards whatever happens. */
    <T> T read(SearchWork<T> work) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return work.apply(searcher, facetState(searcher.getIndexReader()));
        } finally {
            searchers.release(searcher);
        }
    }

    /** A read of the index. */
    @FunctionalInterface
    interface SearchWork<T> {
        T apply(IndexSearcher searcher, SortedSetDocValuesReaderState facets) throws IOException;
    }

    private SortedSetDocValuesReaderState facetState(IndexReader reader) throws IOException {
        FacetState current = facetState;
        if (current != null && current.reader() == reader) {
            return current.state();
        }
        if (reader.maxDoc() == 0) {
            return null;
        }
        try {
            SortedSetDocValuesReaderState state = new DefaultSortedSetDocValuesReaderState(reader, facetsConfig);
            facetState = new FacetState(reader, state);
            return state;
        } catch (IllegalArgumentException e) {
            // An index without any facet value yet.
            return null;
        }
    }

    /** Changes whenever what searches see changes: what is cached from searches is valid for one generation. */
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
        searchers.close();
        writer.close();
        directory.close();
    }
}
