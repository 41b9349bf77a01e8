package fr.essaim.content;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A corpus in the {@code content/} format, as files in memory: {@code fiches/<slug>.md} holds the
 * current text of each sheet; {@code historique/<slug>.yml} its revisions (author, date, comment,
 * which one is published); {@code historique/<slug>/<n>.md} the texts of the other revisions.
 */
public final class Corpus {

    static final String SHEETS = "fiches/";
    static final String HISTORY = "historique/";
    private static final Pattern SHEET_FILE = Pattern.compile("fiches/([a-z0-9]+(?:-[a-z0-9]+)*)\\.md");

    private final SortedMap<String, String> files = new TreeMap<>();

    public void put(String path, String text) {
        files.put(path, text);
    }

    public Optional<String> get(String path) {
        return Optional.ofNullable(files.get(path));
    }

    /** Files by path, in path order. */
    public SortedMap<String, String> files() {
        return Collections.unmodifiableSortedMap(files);
    }

    /** Slug of each sheet file, with its path, in slug order. */
    public Map<String, String> sheetFiles() {
        Map<String, String> sheets = new TreeMap<>();
        for (String path : files.keySet()) {
            var matcher = SHEET_FILE.matcher(path);
            if (matcher.matches()) {
                sheets.put(matcher.group(1), path);
            }
        }
        return sheets;
    }

    static String sheetPath(String slug) {
        return SHEETS + slug + ".md";
    }

    static String historyPath(String slug) {
        return HISTORY + slug + ".yml";
    }

    static String olderRevisionPath(String slug, int number) {
        return HISTORY + slug + "/" + number + ".md";
    }

    /** Whether a path belongs to the format at all (other files of an archive are ignored). */
    static boolean isCorpusPath(String path) {
        return SHEET_FILE.matcher(path).matches()
                || path.matches("historique/[a-z0-9]+(-[a-z0-9]+)*\\.yml")
                || path.matches("historique/[a-z0-9]+(-[a-z0-9]+)*/[0-9]{1,6}\\.md");
    }
}
