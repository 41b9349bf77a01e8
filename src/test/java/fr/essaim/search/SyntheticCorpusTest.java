package fr.essaim.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.essaim.theme.ThemeService;
import fr.essaim.markdown.MarkdownRenderer;
import fr.essaim.sheet.InvalidSheetException;
import fr.essaim.sheet.ParsedSheet;
import fr.essaim.sheet.References;
import fr.essaim.sheet.SheetParser;
import fr.essaim.sheet.SheetSchema;
import fr.essaim.shared.Slugs;
import fr.essaim.territory.TerritoryCatalog;
import fr.essaim.territory.TerritoryFile;

/** Small run of the benchmark's corpus generator: the sheets it writes are valid, varied and reproducible. */
class SyntheticCorpusTest {

    private static final int N = 400;

    @TempDir
    static Path folder;

    private static final Map<String, ParsedSheet> SHEETS = new TreeMap<>();
    private static final Map<String, String> REFUSED = new TreeMap<>();

    @BeforeAll
    static void generate() throws Exception {
        generate(folder.resolve("a"));
        SheetParser parser = new SheetParser(SheetSchema.fromClasspath(), new MarkdownRenderer());
        References references = new References(new TerritoryCatalog(TerritoryFile.fromClasspath()), new ThemeService());
        try (Stream<Path> files = Files.list(folder.resolve("a/fiches"))) {
            for (Path file : files.sorted().toList()) {
                String slug = file.getFileName().toString().replaceFirst("\\.md$", "");
                try {
                    SHEETS.put(slug, parser.parse(Files.readString(file, StandardCharsets.UTF_8), references, Slugs::slugify));
                } catch (InvalidSheetException e) {
                    REFUSED.put(slug, e.errors().toString());
                }
            }
        }
    }

    private static void generate(Path out) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "src/bench/GenerateCorpus.java", "content", Integer.toString(N),
                out.toString()).inheritIO().start();
        assertEquals(0, process.waitFor());
    }

    @Test
    void everyGeneratedSheetIsValidWithAValidSlug() {
        assertEquals(Map.of(), REFUSED);
        assertEquals(N, SHEETS.size());
        SHEETS.keySet().forEach(slug -> assertTrue(Slugs.isValid(slug), slug));
    }

    @Test
    void derivedSheetsHaveTheirOwnTitlesAndPlaces() {
        Set<String> titles = new HashSet<>();
        Set<String> territories = new HashSet<>();
        SHEETS.values().forEach(sheet -> {
            titles.add(sheet.title());
            territories.add(String.valueOf(sheet.frontMatter().get("territories")));
        });
        assertTrue(titles.size() > N * 9 / 10, "titres distincts : " + titles.size());
        assertTrue(territories.size() > N / 2, "territoires distincts : " + territories.size());
    }

    @Test
    void theSameSizeGivesTheSameFiles() throws Exception {
        generate(folder.resolve("b"));
        try (Stream<Path> files = Files.list(folder.resolve("a/fiches"))) {
            for (Path file : files.toList()) {
                Path twin = folder.resolve("b/fiches").resolve(file.getFileName());
                assertEquals(-1L, Files.mismatch(file, twin), file.getFileName().toString());
            }
        }
    }
}
