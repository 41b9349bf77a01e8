package fr.essaim.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import javax.sql.DataSource;

import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.essaim.sheet.Revision;
import fr.essaim.support.SheetBeans;
import fr.essaim.sheet.SaveResult;

/** The index always comes back to what the database says, whatever stopped in between. */
abstract class IndexConsistencyContract {

    private static final List<String> QUERIES = List.of("", "itinérance", "maison de services au public", "crèche",
            "numérique Hautes-Alpes", "transport à la demande", "coopérative");

    @TempDir
    Path folder;

    private SearchFixture fixture;

    abstract DataSource emptyDatabase() throws Exception;

    @BeforeEach
    void corpus() throws Exception {
        fixture = new SearchFixture(emptyDatabase(), folder.resolve("index"));
        fixture.importCorpus();
        fixture.open();
    }

    @AfterEach
    void close() throws IOException {
        fixture.close();
    }

    private List<List<String>> answers(SearchEngine engine) throws Exception {
        List<List<String>> answers = new ArrayList<>();
        for (String query : QUERIES) {
            answers.add(engine.search(SearchRequest.of(query, Map.of(), null, 1, 100)).hits().stream()
                    .map(SearchResult.Hit::slug).toList());
        }
        return answers;
    }

    private long hits(String query) throws Exception {
        return fixture.engine.search(SearchRequest.of(query, Map.of(), null, 1, 10)).total();
    }

    @Test
    void aCrashBetweenTheDatabaseCommitAndTheIndexUpdateIsRepairedAtRestart() throws Exception {
        String slug = "zirondaile-halte-garderie-itinerante";
        Revision published = fixture.sheets.findPublished(slug).orElseThrow();
        long before = fixture.engine.index().appliedSequence();
        SaveResult saved = fixture.beans.workflow.save(slug, published.getNumber(),
                published.getSource().replace("## Résultats", "## Résultats\n\nLe service a inspiré un ornithorynque voisin.\n"),
                SheetBeans.editor("relectrice"), null);
        assertInstanceOf(SaveResult.Saved.class, saved);
        assertInstanceOf(SaveResult.Saved.class, fixture.beans.workflow.publish(slug, SheetBeans.editor("relectrice"), null));
        assertTrue(fixture.beans.changeLog.lastChange() > before, "the publication is in the change log");
        // The process dies here: the database has the change, the index never heard of it.
        assertEquals(0, hits("ornithorynque"));
        fixture.engine.close();
        fixture.engine = null;

        SearchEngine restarted = fixture.open();

        assertFalse(restarted.index().needsRebuild(), "a sound index is resumed, not rebuilt");
        assertEquals(fixture.beans.changeLog.lastChange(), restarted.index().appliedSequence());
        assertEquals(List.of(slug), restarted.search(SearchRequest.of("ornithorynque", Map.of(), null, 1, 10)).hits()
                .stream().map(SearchResult.Hit::slug).toList());
    }

    @Test
    void aRebuildFromAnEmptyFolderGivesTheSameResults() throws Exception {
        List<List<String>> incremental = answers(fixture.engine);
        fixture.engine.close();
        try (Stream<Path> files = Files.walk(folder.resolve("index"))) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }

        SearchEngine rebuilt = fixture.open();

        assertEquals(incremental, answers(rebuilt));
    }

    @Test
    void aCorruptIndexIsRebuiltFromTheDatabase() throws Exception {
        List<List<String>> sound = answers(fixture.engine);
        fixture.engine.close();
        try (Stream<Path> files = Files.walk(folder.resolve("index"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("segments")).toList()) {
                Files.write(file, new byte[] {1, 2, 3, 4});
            }
        }

        SearchEngine reopened = fixture.open();

        assertEquals(sound, answers(reopened));
    }

    @Test
    void aRebuildThatFailsOnDiskKeepsThePreviousIndexServingAndFollowingPublications() throws Exception {
        List<List<String>> before = answers(fixture.engine);
        fixture.engine.close();
        AtomicBoolean diskFull = new AtomicBoolean();
        SearchEngine engine = fixture.open(index -> new FaultyDirectory(FSDirectory.open(index), diskFull));
        long applied = engine.index().appliedSequence();

        diskFull.set(true);
        IOException failure = assertThrows(IOException.class, () -> fixture.sync().rebuild(done -> { }));
        diskFull.set(false);

        assertTrue(failure.getMessage().contains("disque plein"), failure.getMessage());
        assertEquals(before, answers(engine), "the previous index still answers");
        assertEquals(applied, engine.index().appliedSequence());
        publishWord("solidart-maurienne", "xylographie");
        assertEquals(1, fixture.sync().catchUp());
        assertEquals(1, hits("xylographie"), "publications keep reaching the previous index");

        engine.close();
        SearchEngine restarted = fixture.open();
        assertFalse(restarted.index().needsRebuild(), "the previous index is still the one named at restart");
        assertEquals(1, hits("xylographie"));
        try (Stream<Path> folders = Files.list(folder.resolve("index"))) {
            assertEquals(1, folders.filter(Files::isDirectory).count(), "the half-built folder is gone");
        }
    }

    @Test
    void aRebuildSwitchesToTheNewIndexWhileTheOldOneServedMeanwhile() throws Exception {
        List<List<String>> before = answers(fixture.engine);

        long published = hits("");

        assertEquals(published, fixture.sync().rebuild(done -> { }));

        assertEquals(before, answers(fixture.engine));
        try (Stream<Path> folders = Files.list(folder.resolve("index"))) {
            assertEquals(1, folders.filter(Files::isDirectory).count(), "the old folder is removed after the switch");
        }
    }

    @Test
    void anIndexBuiltFromAnotherDatabaseIsRebuilt() throws Exception {
        List<List<String>> sound = answers(fixture.engine);
        fixture.engine.close();
        execute("update database_identity set id = 'une-autre-base' where singleton = 1");

        SearchEngine reopened = fixture.open();

        assertTrue(reopened.index().needsRebuild());
        assertEquals(sound, answers(reopened));
    }

    @Test
    void aCrashBeforeTheRebuildSwitchesMeansARebuildAtTheNextStart() throws Exception {
        List<List<String>> sound = answers(fixture.engine);
        fixture.engine.close();
        execute("update database_identity set id = 'une-autre-base' where singleton = 1");
        SearchIndex standIn = SearchIndex.open(fixture.indexFolder, SearchFixture.TERRITORIES, SearchFixture.THEMES,
                fixture.expected());
        assertTrue(standIn.needsRebuild());
        standIn.close(); // the process dies here, before any rebuild

        SearchEngine reopened = fixture.open();

        assertTrue(reopened.index().needsRebuild(), "the empty stand-in is not taken for a sound index");
        assertEquals(sound, answers(reopened));
    }

    @Test
    void anIndexAheadOfTheDatabaseIsRebuilt() throws Exception {
        long backup = fixture.beans.changeLog.lastChange();
        publishWord("zirondaile-halte-garderie-itinerante", "ornithorynque");
        fixture.sync().catchUp();
        assertEquals(1, hits("ornithorynque"));
        fixture.engine.close();
        // As after restoring a dump taken before the publication: the database's change log stops earlier.
        execute("delete from change_log where seq > " + backup);
        execute("update change_counter set last_seq = " + backup + " where id = 1");

        SearchEngine reopened = fixture.open();

        assertTrue(reopened.index().needsRebuild(), "an index ahead of its database is not trusted");
        assertEquals(backup, reopened.index().appliedSequence());
    }

    @Test
    void aNodeStoppedForLessThanTheRetentionCatchesUpFromWhatTheLogKeeps() throws Exception {
        long stopped = fixture.engine.index().appliedSequence();
        fixture.engine.close();
        fixture.engine = null;
        publishWord("zirondaile-halte-garderie-itinerante", "ornithorynque");
        // The entries the index had applied are past the retention; the one after it is recent.
        age("seq <= " + stopped);

        assertEquals(stopped, (long) pruneOlderThan30Days(), "the old entries go");
        assertEquals(stopped + 1, fixture.beans.changeLog.lastChange(), "the numbering goes on from the counter");
        assertEquals(stopped + 1, fixture.beans.changeLog.firstKept(), "the log reaches back to where the index stopped");
        SearchEngine reopened = fixture.open();

        assertFalse(reopened.index().needsRebuild(), "the log still reaches back to where the index stopped");
        assertEquals(1, hits("ornithorynque"));
    }

    @Test
    void aNodeStoppedForLongerThanTheRetentionRebuildsItsIndex() throws Exception {
        long stopped = fixture.engine.index().appliedSequence();
        fixture.engine.close();
        fixture.engine = null;
        publishWord("zirondaile-halte-garderie-itinerante", "ornithorynque");
        age("seq > 0");
        pruneOlderThan30Days();
        assertEquals(stopped + 2, fixture.beans.changeLog.firstKept(), "the log is empty: it starts at the next number");

        SearchEngine reopened = fixture.open();

        assertTrue(reopened.index().needsRebuild(), "the change it missed is no longer in the log");
        assertEquals(stopped + 1, reopened.index().appliedSequence());
        assertEquals(1, hits("ornithorynque"));
    }

    @Test
    void aRunningIndexLeftBehindByThePrunedLogIsToldToRebuild() throws Exception {
        long applied = fixture.engine.index().appliedSequence();
        publishWord("zirondaile-halte-garderie-itinerante", "ornithorynque");
        publishWord("zirondaile-halte-garderie-itinerante", "okapi");
        age("seq <= " + (applied + 1));
        pruneOlderThan30Days();

        assertThrows(IndexBehindException.class, () -> fixture.sync().catchUp());
        assertEquals(applied, fixture.engine.index().appliedSequence(), "nothing applied past the hole");
    }

    private void age(String which) throws SQLException {
        execute("update change_log set created_at = timestamp with time zone '2000-01-01 00:00:00+00' where " + which);
    }

    private int pruneOlderThan30Days() {
        return fixture.jpa.inNewTransaction(() -> fixture.beans.changeLog.prune(OffsetDateTime.now().minusDays(30)));
    }

    private void publishWord(String slug, String word) {
        Revision published = fixture.sheets.findPublished(slug).orElseThrow();
        SaveResult saved = fixture.beans.workflow.save(slug, published.getNumber(),
                published.getSource().replace("## Contexte", "## Contexte\n\nUn atelier de " + word + " s'y est ajouté.\n"),
                SheetBeans.editor("relectrice"), null);
        assertInstanceOf(SaveResult.Saved.class, saved);
        assertInstanceOf(SaveResult.Saved.class, fixture.beans.workflow.publish(slug, SheetBeans.editor("relectrice"), null));
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = fixture.dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        }
    }

    /** A disk that refuses new files while {@code full} is set. */
    private static final class FaultyDirectory extends FilterDirectory {
        private final AtomicBoolean full;

        FaultyDirectory(Directory directory, AtomicBoolean full) {
            super(directory);
            this.full = full;
        }

        @Override
        public IndexOutput createOutput(String name, IOContext context) throws IOException {
            if (full.get()) {
                throw new IOException("disque plein (simulé) en écrivant " + name);
            }
            return super.createOutput(name, context);
        }

        @Override
        public IndexOutput createTempOutput(String prefix, String suffix, IOContext context) throws IOException {
            if (full.get()) {
                throw new IOException("disque plein (simulé) en écrivant " + prefix);
            }
            return super.createTempOutput(prefix, suffix, context);
        }
    }

    @Test
    void aPublicationIsSearchableAfterTheNextCatchUp() throws Exception {
        String slug = "solidart-maurienne";
        Revision published = fixture.sheets.findPublished(slug).orElseThrow();
        SaveResult saved = fixture.beans.workflow.save(slug, published.getNumber(),
                published.getSource().replace("## Contexte", "## Contexte\n\nUn atelier de xylographie s'y est ajouté.\n"),
                SheetBeans.editor("relectrice"), null);
        assertInstanceOf(SaveResult.Saved.class, saved);
        assertInstanceOf(SaveResult.Saved.class, fixture.beans.workflow.publish(slug, SheetBeans.editor("relectrice"), null));

        assertEquals(1, fixture.sync().catchUp());

        assertEquals(1, hits("xylographie"));
        assertEquals(0, fixture.sync().catchUp(), "nothing applied twice");
    }
}
