package fr.essaim.alert;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.function.Predicate;

import fr.essaim.search.InvalidSearchException;
import fr.essaim.search.SearchRequest;

/**
 * A followed search as a query string of the search parameters ({@code theme=6&territory=departement:05}),
 * checked and written in one canonical order, so that one search is stored once.
 */
public final class SearchStrings {

    static final int MAX_LENGTH = 2000;
    /** Parameters of a search page that do not change which sheets it finds. */
    private static final List<String> IGNORED = List.of("sort", "page", "size", "lieu");

    private SearchStrings() {
    }

    public static String normalize(String raw, Predicate<String> isTheme, Predicate<String> isTerritory)
            throws InvalidSubscriptionException {
        if (raw == null) {
            throw new InvalidSubscriptionException("Indiquez la recherche à suivre.");
        }
        String text = raw.strip();
        if (text.startsWith("?")) {
            text = text.substring(1);
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidSubscriptionException("Recherche trop longue (" + MAX_LENGTH + " caractères au plus).");
        }
        String query = "";
        Map<String, TreeSet<String>> filters = new LinkedHashMap<>();
        for (String pair : text.split("&")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8).strip();
            } catch (IllegalArgumentException e) {
                throw new InvalidSubscriptionException("Recherche mal formée : « " + pair + " ».");
            }
            if (name.equals("q")) {
                query = value;
            } else if (SearchRequest.FILTERS.contains(name)) {
                if (!value.isEmpty()) {
                    check(name, value, isTheme, isTerritory);
                    filters.computeIfAbsent(name, n -> new TreeSet<>()).add(value);
                }
            } else if (!IGNORED.contains(name)) {
                throw new InvalidSubscriptionException("Paramètre de recherche inconnu : « " + name + " » (paramètres : q, "
                        + String.join(", ", SearchRequest.FILTERS) + ").");
            }
        }
        StringJoiner canonical = new StringJoiner("&");
        if (!query.isEmpty()) {
            canonical.add("q=" + encode(query));
        }
        for (String name : SearchRequest.FILTERS) {
            filters.getOrDefault(name, new TreeSet<>()).forEach(value -> canonical.add(name + "=" + encode(value)));
        }
        String normalized = canonical.toString();
        try {
            request(normalized);
        } catch (InvalidSearchException e) {
            throw new InvalidSubscriptionException("Recherche invalide : " + e.getMessage() + ".");
        }
        return normalized;
    }

    private static void check(String name, String value, Predicate<String> isTheme, Predicate<String> isTerritory)
            throws InvalidSubscriptionException {
        if (name.equals("theme") && !isTheme.test(value)) {
            throw new InvalidSubscriptionException("Thème inconnu : « " + value + " ».");
        }
        if ((name.equals("territory") || name.equals("epci")) && !isTerritory.test(value)) {
            throw new InvalidSubscriptionException("Territoire inconnu : « " + value + " » (par exemple departement:05).");
        }
    }

    /** The search request a normalized string stands for. */
    public static SearchRequest request(String normalized) throws InvalidSearchException {
        String query = "";
        Map<String, List<String>> filters = new LinkedHashMap<>();
        for (String pair : normalized.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            if (name.equals("q")) {
                query = value;
            } else {
                filters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        }
        return SearchRequest.of(query, filters, null, 1, SearchRequest.MAX_SIZE);
    }

    /** The query string of a search page's words and filters, as the follow form sends it. */
    public static String of(String query, Map<String, List<String>> filters) {
        StringJoiner joined = new StringJoiner("&");
        if (query != null && !query.isBlank()) {
            joined.add("q=" + encode(query.strip()));
        }
        filters.forEach((name, values) -> values.forEach(value -> joined.add(name + "=" + encode(value))));
        return joined.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
