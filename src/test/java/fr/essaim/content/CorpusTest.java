package fr.essaim.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import fr.essaim.markdown.MarkdownRenderer;
import fr.essaim.sheet.FieldError;
import fr.essaim.sheet.InvalidSheetException;
import fr.essaim.sheet.ParsedSheet;
import fr.essaim.sheet.References;
import fr.essaim.sheet.SheetParser;
import fr.essaim.sheet.SheetSchema;
import fr.essaim.shared.Slugs;
import fr.essaim.territory.Territory;
import fr.essaim.territory.TerritoryCatalog;
import fr.essaim.territory.TerritoryFile;
import fr.essaim.theme.ThemeService;
import fr.essaim.shared.Yaml;

/** The shipped corpus: every sheet valid, every reference known, the coverage the product promises. */
class CorpusTest {

    private static final Path CONTENT = Path.of(System.getProperty("essaim.content.dir", "content"));

    private static TerritoryCatalog territories;
    private static final Map<String, ParsedSheet> SHEETS = new TreeMap<>();
    private static final Map<String, List<FieldError>> REFUSED = new TreeMap<>();

    @BeforeAll
    static void parseTheCorpus() throws IOException {
        territories = new TerritoryCatalog(TerritoryFile.fromClasspath());
        SheetParser parser = new SheetParser(SheetSchema.fromClasspath(), new MarkdownRenderer());
        References references = new References(territories, new ThemeService());
        try (Stream<Path> files = Files.list(CONTENT.resolve("fiches"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                String slug = file.getFileName().toString().replaceFirst("\\.md$", "");
                String source = Files.readString(file, StandardCharsets.UTF_8);
                try {
                    SHEETS.put(slug, parser.parse(source, references, Slugs::slugify));
                } catch (InvalidSheetException e) {
                    REFUSED.put(slug, e.errors());
                }
            }
        }
    }

    @Test
    void everySheetIsValidAgainstTheSchemaWithKnownTerritoriesAndThemes() {
        assertEquals(Map.of(), REFUSED);
    }

    @Test
    void everyFileNameIsAValidSlug() {
        SHEETS.keySet().forEach(slug -> assertTrue(Slugs.isValid(slug), slug));
    }

    @Test
    void theCorpusHasTheKindsAndSizeTheProductNeeds() {
        Map<String, Integer> kinds = new HashMap<>();
        SHEETS.values().forEach(sheet -> kinds.merge(sheet.kind(), 1, Integer::sum));
        assertTrue(SHEETS.size() >= 80, "au moins 80 fiches : " + SHEETS.size());
        assertTrue(kinds.getOrDefault("experience", 0) >= 30, kinds.toString());
        assertTrue(kinds.getOrDefault("innovation", 0) >= 15, kinds.toString());
        assertTrue(kinds.getOrDefault("vademecum", 0) >= 6, kinds.toString());
        long withWikiNames = SHEETS.values().stream().filter(sheet -> !sheet.aliases().isEmpty()).count();
        assertTrue(withWikiNames >= 24, "les 24 fiches du wiki gardent leur WikiName : " + withWikiNames);
    }

    @Test
    void everyThemeIsUsedAtLeastTwice() {
        Map<Integer, Integer> uses = new TreeMap<>();
        new ThemeService().all().forEach(theme -> uses.put(theme.getCode(), 0));
        for (ParsedSheet sheet : SHEETS.values()) {
            for (Object code : (List<?>) sheet.frontMatter().get("themes")) {
                uses.merge((Integer) code, 1, Integer::sum);
            }
        }
        uses.forEach((code, count) -> assertTrue(count >= 2, "thème " + code + " utilisé " + count + " fois"));
    }

    @Test
    void theCorpusCoversAtLeastFortyDepartements() {
        Set<String> departements = new HashSet<>();
        for (ParsedSheet sheet : SHEETS.values()) {
            Object keys = sheet.frontMatter().get("territories");
            if (!(keys instanceof List<?> list)) {
                continue;
            }
            for (Object key : list) {
                List<String> all = new ArrayList<>(territories.ancestors(String.valueOf(key)));
                all.add(String.valueOf(key));
                all.stream().filter(k -> k.startsWith("departement:")).forEach(departements::add);
            }
        }
        assertTrue(departements.size() >= 40, departements.size() + " départements : " + departements);
    }

    @Test
    void wikiLinksAndRelatedExperiencesPointToSheetsOfTheCorpus() {
        Set<String> known = new HashSet<>(SHEETS.keySet());
        SHEETS.values().forEach(sheet -> known.addAll(sheet.aliases()));
        List<String> dangling = new ArrayList<>();
        SHEETS.forEach((slug, sheet) -> {
            sheet.links().stream().filter(link -> !known.contains(link)).forEach(link -> dangling.add(slug + " → " + link));
            for (String field : List.of("relatedExperiences", "inspiredBy")) {
                if (sheet.frontMatter().get(field) instanceof List<?> related) {
                    related.stream().map(String::valueOf).filter(r -> !SHEETS.containsKey(r))
                            .forEach(r -> dangling.add(slug + " → " + r));
                }
            }
        });
        assertEquals(List.of(), dangling);
        long linked = SHEETS.values().stream().filter(sheet -> !sheet.links().isEmpty()).count();
        assertTrue(linked >= SHEETS.size() / 2, "la plupart des fiches renvoient à d'autres : " + linked);
    }

    @Test
    void everyHistoryFileBelongsToASheetAndIsReadable() throws IOException {
        try (Stream<Path> files = Files.list(CONTENT.resolve("historique"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
                String slug = file.getFileName().toString().replaceFirst("\\.yml$", "");
                assertTrue(SHEETS.containsKey(slug), "historique sans fiche : " + slug);
                Object history = Yaml.parser().load(Files.readString(file));
                assertTrue(history instanceof Map<?, ?> map && map.get("revisions") instanceof List<?>, slug);
            }
        }
    }

    @Test
    void territoryKeysUseTheLevelsOfTheDesign() {
        for (ParsedSheet sheet : SHEETS.values()) {
            if (sheet.frontMatter().get("territories") instanceof List<?> keys) {
                for (Object key : keys) {
                    String level = String.valueOf(key).split(":")[0];
                    assertTrue(Territory.LEVELS.contains(level), String.valueOf(key));
                }
            }
        }
    }
}
