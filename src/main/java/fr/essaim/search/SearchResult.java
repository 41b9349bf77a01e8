package fr.essaim.search;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** The answer to a search: the page of hits, the counts of every facet, a spelling suggestion. */
public record SearchResult(long total, int page, int size, List<Hit> hits, Map<String, List<FacetValue>> facets,
        String suggestion, String correctedQuery) {

    /** One sheet found, with a snippet of its text where the words matched (HTML, words in {@code <mark>}). */
    public record Hit(String slug, String title, String kind, String summary, String snippet, List<Theme> themes,
            List<Place> territories, OffsetDateTime updated, String url) {
    }

    public record Theme(String code, String label) {
    }

    public record Place(String key, String code, String level, String name) {
    }

    /** A facet value and how many sheets of the current search have it. */
    public record FacetValue(String value, String label, long count) {
    }
}
