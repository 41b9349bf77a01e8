package fr.essaim.search;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import fr.essaim.sheet.PublishedText;

/**
 * The index of a first start, built from the sheets as the import writes them, instead of reading
 * the whole corpus back from the database afterwards. The import hands over each batch it has
 * committed ({@link #accept}); a thread of its own turns them into documents on every core, as a
 * rebuild does. {@link #finish()} keeps the index only if it holds every published sheet of the
 * database; otherwise (a batch refused and imported another way, an import cut short and done
 * again) it is dropped and the start rebuilds from the database, as it did before. Indexing never
 * fails the import: after an error the batches are ignored and the start rebuilds.
 */
public final class ImportIndexing implements Consumer<List<PublishedText>>, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ImportIndexing.class.getName());
    private static final List<PublishedText> END = List.of();

    private final SearchIndex index;
    private final BlockingQueue<List<PublishedText>> pages = new ArrayBlockingQueue<>(2);
    private final Thread builder;
    private final long start = System.nanoTime();
    private volatile boolean stopped;
    private volatile String failure;
    private volatile int built = -1;

    private ImportIndexing(SearchIndex index, SearchIndex.AsOf check, ThreadFactory threads) {
        this.index = index;
        this.builder = index == null ? null : threads.newThread(() -> build(check));
        if (builder != null) {
            builder.setName("essaim-import-index");
            builder.start();
        }
    }

    /** Starts building into a new folder of {@code index}, which is closed once finished. */
    static ImportIndexing start(SearchIndex index, SearchIndex.AsOf check, ThreadFactory threads) {
        return new ImportIndexing(index, check, threads);
    }

    /** One that does nothing: the index could not be opened, the start will rebuild it. */
    static ImportIndexing none(String why) {
        ImportIndexing none = new ImportIndexing(null, null, null);
        none.failure = why;
        return none;
    }

    private void build(SearchIndex.AsOf check) {
        try {
            built = index.rebuild(this::pagesAsImported, check, done -> {
                if (done % 10_000 == 0) {
                    LOG.info(() -> "Index pendant l'import : " + done + " fiches indexées");
                }
            });
        } catch (Incomplete e) {
            failure = e.getMessage();
        } catch (IOException | RuntimeException e) {
            failure = e.getMessage();
            // Not the import's failure, which goes on: the start rebuilds, and the cause is kept here.
            LOG.log(Level.WARNING, "Index de l'import abandonné", e);
        } finally {
            stopped = true;
            // An import still handing over batches must not wait for a builder that is gone.
            pages.clear();
        }
    }

    /** The batches as the import hands them over, turned into what the index reads on this thread, not the import's. */
    private Iterator<List<IndexedSheet>> pagesAsImported() {
        return new Iterator<>() {
            private List<PublishedText> next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        next = pages.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("import interrompu", e);
                    }
                }
                return next != END;
            }

            @Override
            public List<IndexedSheet> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                List<PublishedText> page = next;
                next = null;
                return page.stream().map(IndexedSheets::of).toList();
            }
        };
    }

    /** The sheets of a batch the import has committed; waits while the cores are busy with the previous ones. */
    @Override
    public void accept(List<PublishedText> committed) {
        if (builder == null || stopped || committed.isEmpty()) {
            return;
        }
        try {
            while (!stopped && !pages.offer(committed, 100, TimeUnit.MILLISECONDS)) {
                // the builder is still analysing the previous batches
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits for the index to be merged, checked and switched to; logs the outcome. Returns whether
     * the start has an index of the import, or must rebuild one from the database.
     */
    public boolean finish() {
        long imported = System.nanoTime();
        if (builder != null) {
            stop();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        long after = (System.nanoTime() - imported) / 1_000_000;
        if (built >= 0) {
            LOG.info(() -> "Index construit pendant l'import : " + built + " fiches en " + millis + " ms, dont " + after
                    + " ms après la fin de l'import");
            return true;
        }
        LOG.info(() -> "Index de l'import non retenu (" + failure + ") : il sera reconstruit depuis la base");
        return false;
    }

    private void stop() {
        try {
            while (!stopped && !pages.offer(END, 100, TimeUnit.MILLISECONDS)) {
                // the last batches are still being analysed
            }
            builder.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                index.close();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Fermeture de l'index de l'import", e);
            }
        }
    }

    /** An import that failed: the builder stops and drops its folder. */
    @Override
    public void close() {
        if (builder != null && builder.isAlive()) {
            builder.interrupt();
            stop();
        }
    }

    /** The index of the import misses sheets the database has: expected after a refused batch, not an error. */
    static final class Incomplete extends IOException {

        private static final long serialVersionUID = 1L;

        Incomplete(String message) {
            super(message);
        }
    }
}
