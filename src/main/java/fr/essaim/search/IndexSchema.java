package fr.essaim.search;

import java.util.List;

import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.Term;

/** Field names of the index and its version: an index of another version is rebuilt. */
final class IndexSchema {

    /** Raise when documents change shape: existing indexes are then rebuilt from the database. */
    static final String VERSION = "essaim-index-10";
    static final String VERSION_KEY = "schema";
    static final String SEQUENCE_KEY = "seq";
    static final String DATABASE_KEY = "database";

    static final String SLUG = "slug";
    static final String KIND = "kind";
    static final String TITLE = "title";
    static final String SUMMARY = "summary";
    /** What a hit shows and its body, as one binary doc value: see {@link HitRecord}. */
    static final String HIT_RECORD = "hitRecord";
    static final String PORTEUR = "porteur";
    static final String PLACES = "places";
    static final String THEME_LABELS = "themeLabels";
    static final String SPELL = "spell";
    /**
     * Everything searchable of a sheet in one field, so that all the words of a query can match across
     * its parts; its body first, at offsets 0 to the body's length, where snippets are cut from.
     */
    static final String ALL = "all";
    static final String TITLE_SORT = "titleSort";
    static final String UPDATED = "updated";
    /** The year the facts of a sheet date from (0 when unknown): what "most recent first" orders by. */
    static final String INFORMATION_YEAR = "informationYear";
    static final String THEME_CODE = "themeCode";
    static final String TERRITORY_KEY = "territoryKey";
    /** The sheets a take-up says it took up, by slug: its document is one reproduction of each. */
    static final String INSPIRED_BY = "inspiredBy";
    /** Filter (not a facet): {@code true} keeps the sheets that were taken up at least once. */
    static final String TAKEN_UP = "takenUp";
    /** Filters over take-ups: the reproductions of given sheets, and the sheets taken up. */
    static final List<String> TAKE_UP_FILTERS = List.of(INSPIRED_BY, TAKEN_UP);

    /** Facet dimensions, in the order the API lists them. */
    static final String FACET_KIND = "kind";
    static final String FACET_THEME = "theme";
    static final String FACET_TERRITORY = "territory";
    static final String FACET_EPCI = "epci";
    static final String FACET_TERRITORY_TYPE = "territoryType";
    static final String FACET_STATUS = "status";
    static final String FACET_YEAR = "year";
    static final String FACET_CATEGORY = "category";
    /**
     * Communes and EPCI, counted apart from régions and départements so that a search never walks
     * through thousands of commune labels; the {@code territory} filter reads both.
     */
    static final String FACET_TERRITORY_LOCAL = "territoryLocal";
    /**
     * Where communes and EPCI values are indexed, apart from the other facets: the ordinals of the
     * other facets, computed again at every refresh, stay small (hundreds of values, not tens of
     * thousands), and those of this field are computed only when a search lists communes.
     */
    static final String LOCAL_FACET_FIELD = "$communes";
    static final List<String> FACETS = List.of(FACET_KIND, FACET_THEME, FACET_TERRITORY, FACET_EPCI, FACET_TERRITORY_TYPE,
            FACET_STATUS, FACET_YEAR, FACET_CATEGORY);

    private IndexSchema() {
    }

    /** The facet dimension a territory key is counted in. */
    static String territoryDim(String key) {
        return key.startsWith("region:") || key.startsWith("departement:") ? FACET_TERRITORY : FACET_TERRITORY_LOCAL;
    }

    static FacetsConfig facetsConfig() {
        FacetsConfig config = new FacetsConfig();
        for (String dim : FACETS) {
            config.setMultiValued(dim, true);
        }
        config.setMultiValued(FACET_TERRITORY_LOCAL, true);
        config.setIndexFieldName(FACET_TERRITORY_LOCAL, LOCAL_FACET_FIELD);
        return config;
    }

    /** The term that selects the sheets with this value of this dimension, in the field the dimension is indexed in. */
    static Term drillDownTerm(FacetsConfig config, String dim, String value) {
        return DrillDownQuery.term(config.getDimConfig(dim).indexFieldName, dim, value);
    }
}
