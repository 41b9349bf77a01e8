package fr.essaim.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import fr.essaim.sheet.KindDefinition;
import fr.essaim.sheet.SheetSchema;
import fr.essaim.territory.Territory;
import fr.essaim.territory.TerritoryCatalog;

/** The facets of an answer as the API lists them: non-zero values, labelled, most frequent first. */
final class FacetLists {

    private static final Comparator<SearchResult.FacetValue> ORDER = Comparator
            .comparingLong(SearchResult.FacetValue::count).reversed().thenComparing(SearchResult.FacetValue::label);

    private final TerritoryCatalog territories;
    private final Map<Integer, String> themeLabels;
    private final SheetSchema schema;

    FacetLists(TerritoryCatalog territories, Map<Integer, String> themeLabels, SheetSchema schema) {
        this.territories = territories;
        this.themeLabels = themeLabels;
        this.schema = schema;
    }

    /**
     * Every facet from the counts by ordinal of {@code ordinals}; {@code communes}, counted over the
     * hits when a territory is chosen, gives the communes and EPCI listed inside it.
     */
    Map<String, List<SearchResult.FacetValue>> of(FacetOrdinals ordinals, int[] counts, FacetStates.Communes communes,
            SearchRequest request) {
        List<String> chosenPlaces = request.filters().getOrDefault(IndexSchema.FACET_TERRITORY, List.of());
        List<String> chosenEpci = request.filters().getOrDefault(IndexSchema.FACET_EPCI, List.of());
        Map<String, List<SearchResult.FacetValue>> all = new LinkedHashMap<>();
        for (String dim : IndexSchema.FACETS) {
            List<SearchResult.FacetValue> values = new ArrayList<>();
            if (dim.equals(IndexSchema.FACET_TERRITORY)) {
                add(values, ordinals, counts, dim, value -> true);
                if (!chosenPlaces.isEmpty() && communes != null) {
                    // Counted on the drill-down hits: the same numbers as sideways for communes and
                    // EPCI inside a chosen département, which are all this lists.
                    add(values, communes.ordinals(), communes.counts(), IndexSchema.FACET_TERRITORY_LOCAL,
                            value -> shown(value, chosenPlaces));
                }
            } else if (dim.equals(IndexSchema.FACET_EPCI)) {
                if (!chosenPlaces.isEmpty() || !chosenEpci.isEmpty()) {
                    add(values, ordinals, counts, dim, value -> chosenEpci.contains(value) || shown(value, chosenPlaces));
                }
            } else {
                add(values, ordinals, counts, dim, value -> true);
            }
            values.sort(ORDER);
            all.put(dim, values);
        }
        return all;
    }

    /** Adds the non-zero values of a dimension that pass the test. */
    private void add(List<SearchResult.FacetValue> values, FacetOrdinals ordinals, int[] counts, String dim,
            Predicate<String> shown) {
        FacetOrdinals.Range range = ordinals.range(dim);
        if (range == null) {
            // no sheet has this facet yet
            return;
        }
        for (int ord = range.start(); ord < range.end(); ord++) {
            if (counts[ord] > 0) {
                String value = ordinals.value(ord);
                if (shown.test(value)) {
                    values.add(new SearchResult.FacetValue(value, label(dim, value), counts[ord]));
                }
            }
        }
    }

    /** A commune or EPCI is listed inside a chosen département, or when chosen itself. */
    private boolean shown(String value, List<String> chosen) {
        if (chosen.contains(value)) {
            return true;
        }
        Territory territory = territories.find(value).orElse(null);
        return territory != null && territory.departement() != null
                && chosen.contains(Territory.key("departement", territory.departement()));
    }

    String label(String dim, String value) {
        return switch (dim) {
            case IndexSchema.FACET_KIND -> schema.kind(value).map(KindDefinition::label).orElse(value);
            case IndexSchema.FACET_THEME -> themeLabel(value);
            case IndexSchema.FACET_TERRITORY, IndexSchema.FACET_TERRITORY_LOCAL, IndexSchema.FACET_EPCI ->
                    territories.name(value).orElse(value);
            case IndexSchema.FACET_CATEGORY -> schema.kind("innovation").flatMap(k -> k.field("category"))
                    .map(f -> f.labelOf(value)).orElse(value);
            default -> value;
        };
    }

    String themeLabel(String code) {
        try {
            return themeLabels.getOrDefault(Integer.valueOf(code), code);
        } catch (NumberFormatException e) {
            return code;
        }
    }
}
