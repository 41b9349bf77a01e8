package fr.essaim.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A search as asked through the page or the API: the words, the facet values chosen (OR-ed within
 * a facet, AND-ed across facets), the order, the page.
 */
public record SearchRequest(String query, Map<String, List<String>> filters, Sort sort, int page, int size) {

    /** The facets a search can be narrowed by, as request parameter names. */
    public static final List<String> FILTERS = java.util.stream.Stream.concat(IndexSchema.FACETS.stream(),
            IndexSchema.TAKE_UP_FILTERS.stream()).toList();

    public static final int MAX_SIZE = 100;
    /** Deeper pages would make each search collect too many hits; nobody reads that far. */
    public static final int MAX_DEPTH = 10_000;

    /**
     * {@code DATE} puts the most recent facts first; {@code REPRODUCTIONS} the sheets taken up most
     * often first; {@code LATEST}, which no request parameter names, the latest published first: what
     * the feed and the home page's latest sheets list.
     */
    public enum Sort { RELEVANCE, DATE, TITLE, REPRODUCTIONS, LATEST }

    public SearchRequest withSort(Sort order) {
        return new SearchRequest(query, filters, order, page, size);
    }

    /**
     * The search that request parameters ask for ({@code q}, the facet filters, {@code sort},
     * {@code page}, {@code size}), the same for the search page, the API, the feed, the export and
     * the widget (which calls the API); refused with a French message when malformed.
     */
    public static SearchRequest parse(Map<String, List<String>> parameters, int defaultSize) throws InvalidSearchException {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        for (String name : FILTERS) {
            List<String> values = parameters.get(name);
            if (values != null) {
                filters.put(name, values);
            }
        }
        Integer size = number(parameters, "size");
        return of(first(parameters, "q"), filters, first(parameters, "sort"), number(parameters, "page"),
                size == null ? defaultSize : size);
    }

    private static String first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static Integer number(Map<String, List<String>> parameters, String name) throws InvalidSearchException {
        String value = first(parameters, name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidSearchException("« " + name + " » doit être un nombre entier (reçu : " + value + ")");
        }
    }

    /** Checks and builds a request from raw parameters; refuses with a French message. */
    public static SearchRequest of(String query, Map<String, List<String>> filters, String sort, Integer page, Integer size)
            throws InvalidSearchException {
        int p = page == null ? 1 : page;
        int s = size == null ? 20 : size;
        if (p < 1) {
            throw new InvalidSearchException("« page » commence à 1 (reçu : " + p + ")");
        }
        if (s < 0 || s > MAX_SIZE) {
            throw new InvalidSearchException("« size » va de 0 à " + MAX_SIZE + " (reçu : " + s + ")");
        }
        if ((long) p * Math.max(s, 1) > MAX_DEPTH) {
            throw new InvalidSearchException("page trop lointaine : affinez la recherche plutôt que d'aller au-delà du "
                    + MAX_DEPTH + "e résultat");
        }
        Sort order;
        if (sort == null || sort.isBlank() || sort.equals("relevance")) {
            order = Sort.RELEVANCE;
        } else if (sort.equals("date")) {
            order = Sort.DATE;
        } else if (sort.equals("title")) {
            order = Sort.TITLE;
        } else if (sort.equals("reproductions")) {
            order = Sort.REPRODUCTIONS;
        } else {
            throw new InvalidSearchException("« sort » vaut relevance, date, title ou reproductions (reçu : " + sort + ")");
        }
        Map<String, List<String>> chosen = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> filter : filters.entrySet()) {
            if (!FILTERS.contains(filter.getKey())) {
                throw new InvalidSearchException("filtre inconnu : « " + filter.getKey() + " » (filtres : "
                        + String.join(", ", FILTERS) + ")");
            }
            List<String> values = filter.getValue().stream().map(String::strip).filter(v -> !v.isEmpty()).distinct().toList();
            if (values.size() > 50) {
                throw new InvalidSearchException("trop de valeurs pour le filtre « " + filter.getKey() + " » (50 au plus)");
            }
            for (String value : values) {
                if (value.length() > 100) {
                    throw new InvalidSearchException("valeur de filtre trop longue pour « " + filter.getKey() + " »");
                }
            }
            if (filter.getKey().equals(IndexSchema.TAKEN_UP) && !values.stream().allMatch("true"::equals)) {
                throw new InvalidSearchException("« takenUp » ne prend que la valeur true (fiches reprises ailleurs)");
            }
            if (!values.isEmpty()) {
                chosen.put(filter.getKey(), values);
            }
        }
        // In the order of the facets, which the links of the search page follow.
        return new SearchRequest(query == null ? "" : query.strip(), Collections.unmodifiableMap(chosen), order, p, s);
    }
}
