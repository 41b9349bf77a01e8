package fr.essaim.search;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;

import fr.essaim.config.Transactions;
import fr.essaim.sheet.Change;
import fr.essaim.sheet.Revision;
import fr.essaim.sheet.SheetService;

/**
 * Brings an index up to the database: {@link #catchUp()} applies the change log from the number
 * the index last committed; {@link #rebuild} indexes every published sheet again. Both are
 * idempotent, so that a crash between a database commit and an index commit is repaired by the
 * next catch-up.
 */
public final class IndexSync {

    private static final int BATCH = 500;

    private final SheetService sheets;
    private final SearchIndex index;
    private final Transactions transactions;

    public IndexSync(SheetService sheets, SearchIndex index, Transactions transactions) {
        this.sheets = sheets;
        this.index = index;
        this.transactions = transactions;
    }

    /** A batch of changes read from the database, and the published state of the sheets they touch. */
    private record Batch(long lastSequence, int size, Map<String, Optional<IndexedSheet>> sheets) {
    }

    /** Applies the changes after the index's last one; returns how many there were. */
    public int catchUp() throws IOException {
        int applied = 0;
        while (true) {
            long from = index.appliedSequence();
            Batch batch = transactions.inNewTransaction(() -> {
                List<Change> changes = sheets.changesAfter(from, BATCH);
                Map<String, Optional<IndexedSheet>> latest = new LinkedHashMap<>();
                for (Change change : changes) {
                    latest.computeIfAbsent(change.getSlug(), slug -> sheets.findPublished(slug).map(IndexedSheets::of));
                }
                return new Batch(changes.isEmpty() ? from : changes.get(changes.size() - 1).getSeq(), changes.size(), latest);
            });
            if (batch.size() == 0) {
                return applied;
            }
            index.apply(batch.sheets(), batch.lastSequence());
            applied += batch.size();
        }
    }

    /** Replaces the index with every published sheet, then applies what changed meanwhile; returns the count. */
    public int rebuild(IntConsumer progress) throws IOException {
        // The change number is read first: whatever is published after it is applied again by the catch-up.
        Batch all = transactions.inNewTransaction(() -> {
            long sequence = sheets.lastChange();
            Map<String, Optional<IndexedSheet>> published = new LinkedHashMap<>();
            for (Revision revision : sheets.listPublished()) {
                published.put(revision.getSheet().getSlug(), Optional.of(IndexedSheets.of(revision)));
            }
            return new Batch(sequence, published.size(), published);
        });
        index.rebuild(all.sheets().values().stream().map(Optional::get).toList(), all.lastSequence(), progress);
        catchUp();
        return all.size();
    }
}
