package fr.essaim.search;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

import fr.essaim.infra.Transactions;
import fr.essaim.sheet.Change;
import fr.essaim.sheet.PublishedText;
import fr.essaim.sheet.SheetService;
import fr.essaim.sheet.ChangeLog;

/**
 * Brings an index up to the database: {@link #catchUp()} applies the change log from the number
 * the index last committed; {@link #rebuild} indexes every published sheet again. Both are
 * idempotent, so that a crash between a database commit and an index commit is repaired by the
 * next catch-up.
 */
public final class IndexSync {

    private static final int BATCH = 500;
    private static final int PAGE = 1_000;

    private final SheetService sheets;
    private final ChangeLog changeLog;
    private final SearchIndex index;
    private final Transactions transactions;

    public IndexSync(SheetService sheets, ChangeLog changeLog, SearchIndex index, Transactions transactions) {
        this.sheets = sheets;
        this.changeLog = changeLog;
        this.index = index;
        this.transactions = transactions;
    }

    /** A batch of changes read from the database, and the published state of the sheets they touch. */
    private record Batch(long lastSequence, int size, Map<String, Optional<IndexedSheet>> sheets) {
    }

    /** Applies the changes after the index's last one; returns how many there were. */
    public int catchUp() throws IOException {
        return catchUp(published -> { });
    }

    /**
     * Applies the changes after the index's last one, telling {@code published} which sheets each
     * applied batch made searchable; returns how many changes there were. An index that stopped
     * before the oldest change the log keeps cannot catch up: {@link IndexBehindException}.
     */
    public int catchUp(Consumer<List<IndexedSheet>> published) throws IOException {
        int applied = 0;
        while (true) {
            long from = index.appliedSequence();
            Batch batch = transactions.inNewTransaction(() -> {
                List<Change> changes = changeLog.changesAfter(from, BATCH);
                // Numbers follow one another without a hole (see ChangeLog): a hole is a pruned part of the log.
                if (!changes.isEmpty() && changes.get(0).getSeq() != from + 1) {
                    return null;
                }
                Map<String, Optional<IndexedSheet>> latest = new LinkedHashMap<>();
                changes.forEach(change -> latest.put(change.getSlug(), Optional.empty()));
                for (PublishedText text : sheets.publishedTexts(latest.keySet())) {
                    latest.put(text.slug(), Optional.of(IndexedSheets.of(text)));
                }
                return new Batch(changes.isEmpty() ? from : changes.get(changes.size() - 1).getSeq(), changes.size(), latest);
            });
            if (batch == null) {
                throw new IndexBehindException(from);
            }
            if (batch.size() == 0) {
                return applied;
            }
            if (index.apply(batch.sheets(), from, batch.lastSequence())) {
                applied += batch.size();
                published.accept(batch.sheets().values().stream().flatMap(Optional::stream).toList());
            }
        }
    }

    /**
     * Replaces the index with every published sheet, built aside while the current index serves,
     * then applies what changed meanwhile; returns the count. Sheets are read a page at a time, each page in its own transaction, so that the
     * corpus never sits whole in memory.
     */
    public int rebuild(IntConsumer progress) throws IOException {
        // The change number is read first: whatever is published after it is applied again by the catch-up.
        long sequence = transactions.inNewTransaction(changeLog::lastChange);
        Iterable<List<IndexedSheet>> pages = () -> new Iterator<>() {
            private long after = Long.MIN_VALUE;
            private List<PublishedText> next = read();

            private List<PublishedText> read() {
                List<PublishedText> page = transactions.inNewTransaction(() -> sheets.publishedTexts(after, PAGE));
                if (!page.isEmpty()) {
                    after = page.get(page.size() - 1).id();
                }
                return page;
            }

            @Override
            public boolean hasNext() {
                return !next.isEmpty();
            }

            @Override
            public List<IndexedSheet> next() {
                if (next.isEmpty()) {
                    throw new NoSuchElementException();
                }
                List<IndexedSheet> page = next.stream().map(IndexedSheets::of).toList();
                next = next.size() < PAGE ? List.of() : read();
                return page;
            }
        };
        int count = index.rebuild(pages, sequence, progress);
        catchUp();
        return count;
    }
}
