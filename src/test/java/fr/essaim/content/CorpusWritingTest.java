package fr.essaim.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How the sheets read: an experience says enough to act on, and no sentence is pasted from sheet to sheet.
 * Counted on the body as a reader sees it: headings left out, wiki links reduced to their label.
 */
class CorpusWritingTest {

    private static final Path CONTENT = Path.of(System.getProperty("essaim.content.dir", "content"));
    private static final int SHORTEST_EXPERIENCE = 600;
    private static final int LONG_SENTENCE = 12;
    /** The coverage table marks the experiences whose source says no more with these words. */
    private static final String SOURCE_SAYS_NO_MORE = "la source n'en dit pas plus";

    private static final Pattern KIND = Pattern.compile("(?m)^kind:\\s*(\\S+)");
    private static final Pattern WIKI_LINK = Pattern.compile("\\[\\[([^\\]|]+)(?:\\|([^\\]]+))?\\]\\]");
    private static final Pattern SLUG_IN_TABLE = Pattern.compile("`([a-z0-9-]+)`");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\d]+");

    private static final Map<String, String> KINDS = new TreeMap<>();
    private static final Map<String, String> TEXTS = new TreeMap<>();

    @BeforeAll
    static void readTheBodies() throws IOException {
        try (Stream<Path> files = Files.list(CONTENT.resolve("fiches"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).toList()) {
                String source = Files.readString(file, StandardCharsets.UTF_8);
                String[] parts = source.split("(?m)^---\\s*$", 3);
                String slug = file.getFileName().toString().replaceFirst("\\.md$", "");
                Matcher kind = KIND.matcher(parts[1]);
                KINDS.put(slug, kind.find() ? kind.group(1) : "");
                TEXTS.put(slug, readerText(parts[2]));
            }
        }
    }

    /** The body without its headings, a wiki link shown as its label, one line per paragraph or list item. */
    static String readerText(String body) {
        String text = Arrays.stream(body.split("\n"))
                .filter(line -> !line.startsWith("#"))
                .map(line -> line.strip())
                .collect(Collectors.joining("\n"));
        Matcher link = WIKI_LINK.matcher(text);
        StringBuilder out = new StringBuilder();
        while (link.find()) {
            link.appendReplacement(out, Matcher.quoteReplacement(link.group(2) != null ? link.group(2) : link.group(1)));
        }
        link.appendTail(out);
        return out.toString();
    }

    static int length(String text) {
        return text.replaceAll("\\s+", " ").strip().length();
    }

    static List<String> sentences(String text) {
        return Arrays.stream(text.split("(?<=[.!?…])\\s+|\\n(?=\\s*(?:[-*>]|\\d+\\.)\\s)|\\n\\s*\\n"))
                .map(sentence -> WORD.matcher(sentence.toLowerCase(Locale.FRENCH)).results()
                        .map(m -> m.group()).collect(Collectors.joining(" ")))
                .filter(words -> words.split(" ").length >= LONG_SENTENCE)
                .toList();
    }

    static Set<String> shortOnPurpose() throws IOException {
        Set<String> slugs = new TreeSet<>();
        for (String line : Files.readAllLines(CONTENT.resolve("README.md"), StandardCharsets.UTF_8)) {
            if (line.contains(SOURCE_SAYS_NO_MORE)) {
                SLUG_IN_TABLE.matcher(line).results().forEach(m -> slugs.add(m.group(1)));
            }
        }
        return slugs;
    }

    @Test
    void anExperienceHasSixHundredCharactersUnlessTheTableSaysItsSourceSaysNoMore() throws IOException {
        Set<String> excused = shortOnPurpose();
        Map<String, Integer> tooShort = new TreeMap<>();
        TEXTS.forEach((slug, text) -> {
            if (KINDS.get(slug).equals("experience") && length(text) < SHORTEST_EXPERIENCE && !excused.contains(slug)) {
                tooShort.put(slug, length(text));
            }
        });
        assertEquals(Map.of(), tooShort);
        excused.forEach(slug -> assertTrue(TEXTS.containsKey(slug), "le tableau excuse une fiche absente : " + slug));
    }

    @Test
    void noLongSentenceIsRepeatedInMoreThanTwoSheets() {
        Map<String, Set<String>> where = new TreeMap<>();
        TEXTS.forEach((slug, text) -> sentences(text).forEach(s -> where.computeIfAbsent(s, k -> new TreeSet<>()).add(slug)));
        Map<String, Set<String>> repeated = new TreeMap<>(where);
        repeated.values().removeIf(slugs -> slugs.size() <= 2);
        assertEquals(Map.of(), repeated);
    }

    @Test
    void theRulesCatchWhatTheyAreAbout() {
        String padded = "Le projet a été présenté dans l'atelier de la tournée 2015 consacré à la mutualisation.\n"
                + "- [[msap-etrepagny|Étrépagny]], présenté dans le même atelier.";
        assertEquals(List.of("le projet a été présenté dans l atelier de la tournée 2015 consacré à la mutualisation"),
                sentences(readerText(padded)));
        assertTrue(length(readerText("## Description\n\n[[x|Un]]  mot.")) == "Un mot.".length());
    }
}
