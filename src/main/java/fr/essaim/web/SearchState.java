package fr.essaim.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import fr.essaim.search.InvalidSearchException;
import fr.essaim.search.SearchRequest;

/**
 * What a search page shows, as it travels in the address: the words, the chosen facet values, the
 * order and the page. Builds the links that change one of them, so that every state is a URL.
 */
public record SearchState(String query, Map<String, List<String>> filters, String sort, int page) {

    public static final String SEARCH_PATH = "/recherche";

    /**
     * The state read from request parameters, plus the filters the page address implies, checked by
     * the parser of every search; the page shows its own number of results, whatever {@code size} says.
     */
    static SearchState of(Map<String, String[]> parameters, Map<String, List<String>> implied, int pageSize)
            throws InvalidSearchException {
        Map<String, List<String>> asked = new LinkedHashMap<>();
        parameters.forEach((name, values) -> asked.put(name, List.of(values)));
        asked.remove("size");
        implied.forEach((name, values) -> {
            List<String> merged = new ArrayList<>(values);
            merged.addAll(asked.getOrDefault(name, List.of()));
            asked.put(name, merged);
        });
        SearchRequest request = SearchRequest.parse(asked, pageSize);
        return new SearchState(request.query(), request.filters(), first(parameters, "sort"), request.page());
    }

    /** The search this state asks for, a page of the given size. */
    SearchRequest request(int pageSize) throws InvalidSearchException {
        return SearchRequest.of(query, filters, sort, page, pageSize);
    }

    static String first(Map<String, String[]> parameters, String name) {
        String[] values = parameters.get(name);
        return values == null || values.length == 0 || values[0].isBlank() ? "" : values[0].strip();
    }

    public boolean isChosen(String name, String value) {
        return filters.getOrDefault(name, List.of()).contains(value);
    }

    /** The same search with one facet value added or removed, from its first page. */
    public SearchState toggle(String name, String value) {
        Map<String, List<String>> changed = new LinkedHashMap<>();
        for (String filter : SearchRequest.FILTERS) {
            List<String> values = new ArrayList<>(filters.getOrDefault(filter, List.of()));
            if (filter.equals(name) && !values.remove(value)) {
                values.add(value);
            }
            if (!values.isEmpty()) {
                changed.put(filter, values);
            }
        }
        return new SearchState(query, changed, sort, 1);
    }

    public SearchState withoutFilters() {
        return new SearchState(query, Map.of(), sort, 1);
    }

    public SearchState withQuery(String other) {
        return new SearchState(other, filters, sort, 1);
    }

    public SearchState withSort(String other) {
        return new SearchState(query, filters, other, 1);
    }

    public SearchState withPage(int other) {
        return new SearchState(query, filters, sort, other);
    }

    /** The address of this state on the search page. */
    public String href() {
        return href(SEARCH_PATH, Map.of());
    }

    /** The address of this state on a page whose own address already implies some filters. */
    public String href(String path, Map<String, List<String>> implied) {
        StringJoiner parameters = new StringJoiner("&");
        if (!query.isEmpty()) {
            parameters.add("q=" + encode(query));
        }
        filters.forEach((name, values) -> values.stream()
                .filter(v -> !implied.getOrDefault(name, List.of()).contains(v))
                .forEach(v -> parameters.add(name + "=" + encode(v))));
        if (sort != null && !sort.isEmpty() && !sort.equals("relevance")) {
            parameters.add("sort=" + encode(sort));
        }
        if (page > 1) {
            parameters.add("page=" + page);
        }
        return parameters.length() == 0 ? path : path + "?" + parameters;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
