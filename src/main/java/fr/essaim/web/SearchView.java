package fr.essaim.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import fr.essaim.search.InvalidSearchException;
import fr.essaim.search.SearchRequest;
import fr.essaim.search.SearchResult;
import fr.essaim.search.SearchResult.FacetValue;
import fr.essaim.search.SearchService;
import fr.essaim.territory.Territory;
import fr.essaim.territory.TerritoryCatalog;

/**
 * The search page, and the result lists of the theme and territory pages: reads the state from
 * the address, asks the search service, and lays out results, facets, chips and pages.
 */
@Named
@RequestScoped
public class SearchView {

    static final int PAGE_SIZE = 20;
    private static final int FINDER_SIZE = 8;
    /** EPCI and communes listed under a chosen département, most sheets first; the finder reaches the others. */
    static final int LOCAL_SHOWN = 30;
    /** Facets offered on the page, in this order; the territory facet is drawn as a tree. */
    private static final List<String> PANEL = List.of("theme", "kind", "territory", "territoryType", "status", "year",
            "category");
    private static final Map<String, String> LEGENDS = Map.of(
            "theme", "Thème", "kind", "Type de fiche", "territory", "Territoire", "epci", "Intercommunalité",
            "territoryType", "Type de territoire", "status", "État d'avancement", "year", "Année de démarrage",
            "category", "Catégorie d'innovation", "takenUp", "Essaimage", "inspiredBy", "Reprise de");

    @Inject
    SearchService search;

    @Inject
    TerritoryCatalog territories;

    @Inject
    Labels labels;

    @Inject
    fr.essaim.essaimage.SearchGaps gaps;

    private String path = SearchState.SEARCH_PATH;
    private Map<String, List<String>> implied = Map.of();
    private SearchState state;
    private SearchResult result;
    private boolean unavailable;
    private String finder = "";
    private List<Option> found = List.of();

    /** A facet value on the page: checkbox or link, with its count and, for territories, what lies inside. */
    public record Option(String name, String value, String label, long count, boolean checked, String href,
            List<Option> children, boolean open) {

        /** A stable element id for the checkbox, whatever characters the value holds. */
        public String id() {
            return "f-" + name + "-" + value.replaceAll("[^A-Za-z0-9_-]", "_") + "-" + Integer.toHexString(value.hashCode());
        }
    }

    public record Group(String name, String legend, List<Option> options) {
    }

    /** A chosen value shown as a removable tag. */
    public record Chip(String name, String value, String label, String legend, String removeHref) {
    }

    public record PageLink(int number, String href, boolean current) {
    }

    /** For the theme and territory pages: their address implies a filter. */
    void imply(String pagePath, String name, String value) {
        path = pagePath;
        implied = Map.of(name, List.of(value));
    }

    /** Reads the address and runs the search; bad parameters get the French 400 page. */
    public void load() throws IOException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        Map<String, String[]> parameters = external.getRequestParameterValuesMap();
        try {
            state = SearchState.of(parameters, implied, PAGE_SIZE);
            result = search.search(state.request(PAGE_SIZE));
            gaps.searched(state.query(), !state.filters().isEmpty(), state.page(), result.total(),
                    (jakarta.servlet.http.HttpServletRequest) external.getRequest());
        } catch (InvalidSearchException e) {
            Responses.error(400, e.getMessage());
            return;
        } catch (IOException e) {
            // The index is still being opened: say so rather than fail.
            unavailable = true;
            external.setResponseStatus(503);
            return;
        }
        finder = SearchState.first(parameters, "lieu");
        if (finder.length() >= 2 && finder.length() <= 100) {
            found = territories.lookup(finder, FINDER_SIZE).stream()
                    .map(t -> option("territory", t.key(), t.name() + " (" + t.levelLabel() + ")", -1, List.of()))
                    .toList();
        }
    }

    public boolean isUnavailable() {
        return unavailable;
    }

    public SearchState getState() {
        return state;
    }

    public SearchResult getResult() {
        return result;
    }

    public String getQuery() {
        return state.query();
    }

    public String getSort() {
        return state.sort() == null || state.sort().isEmpty() ? "relevance" : state.sort();
    }

    public String getFinder() {
        return finder;
    }

    public List<Option> getFound() {
        return found;
    }

    /** The facet panel. A chosen value is always shown, even when no sheet is left with it. */
    public List<Group> getGroups() {
        List<Group> groups = new ArrayList<>();
        for (String name : PANEL) {
            List<FacetValue> values = result.facets().getOrDefault(name, List.of());
            List<Option> options = name.equals("territory") ? territoryTree(values) : flat(name, values);
            if (!options.isEmpty() || name.equals("territory")) {
                groups.add(new Group(name, LEGENDS.get(name), options));
            }
        }
        return groups;
    }

    private List<Option> flat(String name, List<FacetValue> values) {
        List<Option> options = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (FacetValue value : values) {
            options.add(option(name, value.value(), value.label(), value.count(), List.of()));
            listed.add(value.value());
        }
        for (String chosen : state.filters().getOrDefault(name, List.of())) {
            if (!listed.contains(chosen)) {
                options.add(option(name, chosen, labels.of(name, chosen), 0, List.of()));
            }
        }
        return options;
    }

    /**
     * Régions, each with its départements in a disclosure, opened when one of them is chosen; the EPCI
     * and communes of a chosen département (the search lists them only then).
     */
    private List<Option> territoryTree(List<FacetValue> values) {
        Map<String, FacetValue> byKey = new LinkedHashMap<>();
        values.forEach(v -> byKey.put(v.value(), v));
        List<String> chosen = state.filters().getOrDefault("territory", List.of());
        Set<String> placed = new HashSet<>();
        List<Option> regions = new ArrayList<>();
        for (FacetValue region : values) {
            if (!region.value().startsWith("region:")) {
                continue;
            }
            String regionCode = region.value().substring("region:".length());
            List<Option> departements = new ArrayList<>();
            for (FacetValue departement : values) {
                Optional<Territory> t = territories.find(departement.value());
                if (t.isEmpty() || !t.get().level().equals("departement") || !regionCode.equals(t.get().region())) {
                    continue;
                }
                List<Option> inside = new ArrayList<>();
                if (expanded(departement.value(), chosen)) {
                    for (FacetValue local : values) {
                        Optional<Territory> l = territories.find(local.value());
                        if (l.isPresent() && (l.get().level().equals("epci") || l.get().level().equals("commune"))
                                && t.get().code().equals(l.get().departement())
                                && (inside.size() < LOCAL_SHOWN || chosen.contains(local.value()))) {
                            inside.add(option("territory", local.value(), local.label(), local.count(), List.of()));
                            placed.add(local.value());
                        }
                    }
                }
                departements.add(option("territory", departement.value(), departement.label(), departement.count(), inside));
                placed.add(departement.value());
            }
            regions.add(option("territory", region.value(), region.label(), region.count(), departements));
            placed.add(region.value());
        }
        List<Option> options = new ArrayList<>();
        for (String key : chosen) {
            if (!placed.contains(key)) {
                FacetValue v = byKey.get(key);
                options.add(option("territory", key, labels.of("territory", key), v == null ? 0 : v.count(), List.of()));
            }
        }
        options.addAll(regions);
        return options;
    }

    /** A territory's list of the territories inside it opens when it or one of them is chosen. */
    private boolean expanded(String key, List<String> chosen) {
        if (chosen.contains(key)) {
            return true;
        }
        for (String c : chosen) {
            if (territories.ancestors(c).contains(key)) {
                return true;
            }
        }
        return false;
    }

    private Option option(String name, String value, String label, long count, List<Option> children) {
        boolean open = name.equals("territory") && !children.isEmpty()
                && expanded(value, state.filters().getOrDefault("territory", List.of()));
        return new Option(name, value, label, count, state.isChosen(name, value), state.toggle(name, value).href(), children,
                open);
    }

    public List<Chip> getChips() {
        List<Chip> chips = new ArrayList<>();
        state.filters().forEach((name, values) -> values.forEach(value -> chips.add(new Chip(name, value,
                labels.of(name, value), LEGENDS.getOrDefault(name, name), state.toggle(name, value).href()))));
        return chips;
    }

    /** Chosen values the panel does not draw as a checkbox (the EPCI filter): kept by hidden fields. */
    public List<Chip> getHiddenChoices() {
        return getChips().stream().filter(c -> !PANEL.contains(c.name())).toList();
    }

    public String getClearHref() {
        return state.withoutFilters().href();
    }

    public String sortHref(String sort) {
        return state.withSort(sort).href(path, implied);
    }

    public String getCorrectedHref() {
        return result.suggestion() == null ? null : state.withQuery(result.suggestion()).href();
    }

    public long getPageCount() {
        long reachable = Math.min(result.total(), SearchRequest.MAX_DEPTH);
        return Math.max(1, (reachable + PAGE_SIZE - 1) / PAGE_SIZE);
    }

    /** First, last, and the pages around the current one. */
    public List<PageLink> getPages() {
        List<PageLink> pages = new ArrayList<>();
        long count = getPageCount();
        for (int n = 1; n <= count; n++) {
            if (n == 1 || n == count || Math.abs(n - state.page()) <= 2) {
                pages.add(new PageLink(n, state.withPage(n).href(path, implied), n == state.page()));
            } else if (!pages.isEmpty() && pages.get(pages.size() - 1).number() != 0) {
                pages.add(new PageLink(0, null, false));
            }
        }
        return pages;
    }

    public String getPreviousHref() {
        return state.page() > 1 ? state.withPage(state.page() - 1).href(path, implied) : null;
    }

    public String getNextHref() {
        return state.page() < getPageCount() ? state.withPage(state.page() + 1).href(path, implied) : null;
    }

    /** For an empty result: how many sheets each chosen value hides, so the reader knows which to remove. */
    public List<Chip> getRelaxations() {
        List<Chip> relaxations = new ArrayList<>();
        if (result.total() > 0) {
            return relaxations;
        }
        for (Chip chip : getChips()) {
            SearchState without = state.toggle(chip.name(), chip.value());
            try {
                long total = search.search(SearchRequest.of(without.query(), without.filters(), null, 1, 0)).total();
                if (total > 0) {
                    relaxations.add(new Chip(chip.name(), chip.value(), chip.label() + " (" + labels.number(total)
                            + " fiche" + (total > 1 ? "s" : "") + " sans ce filtre)", chip.legend(), chip.removeHref()));
                }
            } catch (InvalidSearchException | IOException e) {
                // no advice for this one
            }
        }
        return relaxations;
    }

    public String kindLabel(String kind) {
        return labels.of("kind", kind);
    }
}
