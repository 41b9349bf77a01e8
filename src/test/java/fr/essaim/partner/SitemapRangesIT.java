package fr.essaim.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import fr.essaim.infra.DatabaseMigration;
import fr.essaim.sheet.Actor;
import fr.essaim.sheet.SaveResult;
import fr.essaim.support.ResourceLocalJpa;
import fr.essaim.support.SheetBeans;
import fr.essaim.support.Sheets;
import fr.essaim.support.TestDatabases;

/** The sitemap files share the published sheets out, on each database Essaim runs on. */
class SitemapRangesIT {

    private static final int PER_FILE = 4;
    private static final Actor EDITOR = SheetBeans.editor("relectrice");

    @TempDir
    Path dataDir;

    private ResourceLocalJpa jpa;

    @AfterEach
    void close() {
        if (jpa != null) {
            jpa.close();
        }
    }

    @AfterAll
    static void dropPostgres() throws Exception {
        TestDatabases.dropPostgres();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void everyPublishedSheetIsInExactlyOneFileAndOnlyItsFileChangesWithIt(String database) throws Exception {
        DataSource dataSource = "h2".equals(database) ? TestDatabases.freshH2(dataDir) : TestDatabases.freshPostgres();
        DatabaseMigration.migrate(dataSource);
        jpa = new ResourceLocalJpa(dataSource);
        SheetBeans beans = new SheetBeans(jpa, Sheets.REFERENCES);
        List<String> slugs = new ArrayList<>();
        for (int i = 1; i <= 14; i++) {
            String slug = assertInstanceOf(SaveResult.Saved.class,
                    beans.workflow.create(Sheets.experience("Expérience " + i, "texte " + i), EDITOR, null)).slug();
            slugs.add(slug);
            // Sheets 5 to 8 stay drafts: a range of ids with nothing published.
            if (i < 5 || i > 8) {
                assertInstanceOf(SaveResult.Saved.class, beans.workflow.publish(slug, EDITOR, null));
            }
        }
        assertInstanceOf(SaveResult.Saved.class, beans.workflow.unpublish(slugs.get(9), EDITOR, "retirée"));
        SitemapRanges ranges = new SitemapRanges(PER_FILE);

        Map<Integer, List<String>> files = filesOf(ranges, dataSource);
        assertPartition(beans, files);
        assertTrue(files.values().stream().noneMatch(List::isEmpty), "no empty file is listed: " + files);
        assertFalse(files.values().stream().anyMatch(file -> file.contains(slugs.get(5))), "drafts are left out");

        Map<Integer, OffsetDateTime> before = lastModified(ranges, dataSource, files.keySet());
        int withdrawnFrom = fileOf(files, slugs.get(12));
        assertInstanceOf(SaveResult.Saved.class, beans.workflow.unpublish(slugs.get(12), EDITOR, "retirée"));
        Map<Integer, List<String>> after = filesOf(ranges, dataSource);
        assertPartition(beans, after);
        Map<Integer, OffsetDateTime> changed = lastModified(ranges, dataSource, files.keySet());
        for (int file : files.keySet()) {
            if (file == withdrawnFrom) {
                assertTrue(changed.get(file).isAfter(before.get(file)), "the file that lost a sheet is newer");
            } else {
                assertEquals(before.get(file), changed.get(file), "file " + file + " did not change");
                assertEquals(files.get(file), after.get(file));
            }
        }
        try (Connection connection = dataSource.getConnection()) {
            assertEquals(changed.values().stream().max(OffsetDateTime::compareTo),
                    ranges.lastModified(connection), "the index changes whenever a file does");
        }
    }

    private static void assertPartition(SheetBeans beans, Map<Integer, List<String>> files) {
        List<String> listed = files.values().stream().flatMap(List::stream).toList();
        assertEquals(listed.size(), new HashSet<>(listed).size(), "no sheet twice: " + files);
        assertEquals(beans.sheets.publishedDates().keySet(), Set.copyOf(listed), "every published sheet, and only them");
        assertTrue(files.values().stream().allMatch(file -> file.size() <= PER_FILE), files::toString);
    }

    private static int fileOf(Map<Integer, List<String>> files, String slug) {
        return files.entrySet().stream().filter(file -> file.getValue().contains(slug)).findFirst().orElseThrow().getKey();
    }

    private static Map<Integer, List<String>> filesOf(SitemapRanges ranges, DataSource dataSource) throws Exception {
        Map<Integer, List<String>> files = new TreeMap<>();
        try (Connection connection = dataSource.getConnection()) {
            for (int file : ranges.files(connection)) {
                files.put(file, ranges.entries(connection, file).stream().map(SitemapRanges.Entry::slug).toList());
            }
        }
        return files;
    }

    private static Map<Integer, OffsetDateTime> lastModified(SitemapRanges ranges, DataSource dataSource, Set<Integer> files)
            throws Exception {
        Map<Integer, OffsetDateTime> dates = new TreeMap<>();
        try (Connection connection = dataSource.getConnection()) {
            for (int file : files) {
                dates.put(file, ranges.lastModified(connection, file).orElseThrow());
            }
        }
        return dates;
    }
}
