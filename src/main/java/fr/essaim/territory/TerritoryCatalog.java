package fr.essaim.territory;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * All French territories in memory, for validation and look-ups: by key, by code, by name typed
 * without accents or punctuation ("bourg d'oi" → Le Bourg-d'Oisans), by postcode.
 */
@ApplicationScoped
public class TerritoryCatalog {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_ALNUM = Pattern.compile("[^a-z0-9]+");
    private static final Comparator<Territory> LARGEST_FIRST = Comparator
            .comparingInt((Territory t) -> Territory.LEVELS.indexOf(t.level()))
            .thenComparing(Comparator.comparingLong(Territory::population).reversed());

    private volatile Index index;

    public TerritoryCatalog() {
    }

    public TerritoryCatalog(List<Territory> territories) {
        this.index = new Index(territories);
    }

    private Index index() {
        Index current = index;
        if (current == null) {
            synchronized (this) {
                if (index == null) {
                    index = new Index(TerritoryFile.fromClasspath());
                }
                current = index;
            }
        }
        return current;
    }

    public List<Territory> all() {
        return List.copyOf(index().byKey.values());
    }

    public boolean contains(String key) {
        return index().byKey.containsKey(key);
    }

    public Optional<Territory> find(String key) {
        return Optional.ofNullable(index().byKey.get(key));
    }

    /** Every level's territory with this code: "01" is a région and a département. */
    public List<Territory> byCode(String code) {
        List<Territory> found = new ArrayList<>();
        for (String level : Territory.LEVELS) {
            find(Territory.key(level, code)).ifPresent(found::add);
        }
        return found;
    }

    public List<Territory> byPostcode(String postcode) {
        return index().byPostcode.getOrDefault(postcode.strip(), List.of());
    }

    /**
     * Territories whose name, or a word of it, starts with what was typed — accents, case,
     * apostrophes and hyphens ignored. Exact names first, then larger levels and populations.
     */
    public List<Territory> searchByName(String typed, int limit) {
        String query = fold(typed);
        if (query.isEmpty()) {
            return List.of();
        }
        List<Territory> exact = new ArrayList<>();
        List<Territory> prefix = new ArrayList<>();
        List<Territory> wordPrefix = new ArrayList<>();
        for (Index.Entry entry : index().entries) {
            if (entry.folded.equals(query)) {
                exact.add(entry.territory);
            } else if (entry.folded.startsWith(query)) {
                prefix.add(entry.territory);
            } else if (entry.folded.contains(" " + query)) {
                wordPrefix.add(entry.territory);
            }
        }
        List<Territory> result = new ArrayList<>();
        for (List<Territory> group : List.of(exact, prefix, wordPrefix)) {
            group.sort(LARGEST_FIRST);
            for (Territory territory : group) {
                if (result.size() == limit) {
                    return result;
                }
                result.add(territory);
            }
        }
        return result;
    }

    /** What a reader typed to find a place: a key, an INSEE code, a postcode, or the start of a name. */
    public List<Territory> lookup(String typed, int limit) {
        Map<String, Territory> found = new LinkedHashMap<>();
        find(typed).ifPresent(t -> found.put(t.key(), t));
        byCode(typed).forEach(t -> found.put(t.key(), t));
        if (typed.matches("[0-9]{5}")) {
            byPostcode(typed).forEach(t -> found.put(t.key(), t));
        }
        searchByName(typed, limit).forEach(t -> found.putIfAbsent(t.key(), t));
        return new ArrayList<>(found.values()).subList(0, Math.min(found.size(), limit));
    }

    /** The keys a sheet on this territory also counts for: département and région, and the EPCI of a commune. */
    public List<String> ancestors(String key) {
        Territory territory = index().byKey.get(key);
        List<String> keys = new ArrayList<>();
        if (territory == null) {
            return keys;
        }
        if (territory.region() != null && !territory.level().equals("region")) {
            keys.add(Territory.key("region", territory.region()));
        }
        if (territory.departement() != null && !territory.level().equals("departement")) {
            keys.add(Territory.key("departement", territory.departement()));
        }
        if (territory.epci() != null && territory.level().equals("commune")) {
            keys.add(Territory.key("epci", territory.epci()));
        }
        return keys;
    }

    public Optional<String> name(String key) {
        return find(key).map(Territory::name);
    }

    /** "Le Bourg-d'Oisans" → "le bourg d oisans". */
    public static String fold(String text) {
        String folded = MARKS.matcher(Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFD)).replaceAll("")
                .toLowerCase(Locale.ROOT).replace("œ", "oe").replace("æ", "ae");
        return NOT_ALNUM.matcher(folded).replaceAll(" ").strip();
    }

    private static final class Index {
        record Entry(String folded, Territory territory) {
        }

        final Map<String, Territory> byKey = new LinkedHashMap<>();
        final Map<String, List<Territory>> byPostcode = new HashMap<>();
        final List<Entry> entries = new ArrayList<>();

        Index(List<Territory> territories) {
            for (Territory territory : territories) {
                byKey.put(territory.key(), territory);
                entries.add(new Entry(fold(territory.name()), territory));
                for (String postcode : territory.postcodes()) {
                    byPostcode.computeIfAbsent(postcode, p -> new ArrayList<>()).add(territory);
                }
            }
        }
    }
}
