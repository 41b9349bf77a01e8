package fr.essaim.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import fr.essaim.search.InvalidSearchException;
import fr.essaim.search.SearchRequest;
import fr.essaim.search.SearchResult;
import fr.essaim.search.SearchService;
import fr.essaim.territory.Territory;
import fr.essaim.theme.Theme;
import fr.essaim.theme.ThemeService;

/**
 * The home page: themes and départements with their counts, taken from the facets of one
 * counts-only search, and the latest sheets; nothing here grows with the corpus.
 */
@Named
@RequestScoped
public class HomeView {

    static final int LATEST = 6;
    /** Shades of the map, lightest for no sheet. */
    static final int SHADES = 5;

    @Inject
    SearchService search;

    @Inject
    ThemeService themes;

    @Inject
    DepartmentMap map;

    @Inject
    Labels labels;

    private Map<String, Long> themeCounts;
    private Map<String, Long> territoryCounts;
    private List<SearchResult.Hit> latest;
    private long total;

    public record ThemeCount(int code, String label, long count) {
    }

    /** A département on the map or in its list: where it links, what it says, how dark it is. */
    public record Place(String code, String name, long count, String href, String label, int shade, String d) {
    }

    private void load() {
        if (themeCounts != null) {
            return;
        }
        themeCounts = new HashMap<>();
        territoryCounts = new HashMap<>();
        latest = List.of();
        try {
            SearchResult counts = search.search(SearchRequest.of("", Map.of(), null, 1, 0));
            total = counts.total();
            counts.facets().getOrDefault("theme", List.of()).forEach(v -> themeCounts.put(v.value(), v.count()));
            counts.facets().getOrDefault("territory", List.of()).forEach(v -> territoryCounts.put(v.value(), v.count()));
            latest = search.search(SearchRequest.of("", Map.of(), null, 1, LATEST).withSort(SearchRequest.Sort.LATEST)).hits();
        } catch (InvalidSearchException | IOException e) {
            // index still opening: the page shows no counts rather than failing
        }
    }

    public long getTotal() {
        load();
        return total;
    }

    public List<ThemeCount> getThemes() {
        load();
        List<ThemeCount> list = new ArrayList<>();
        for (Theme theme : themes.all()) {
            list.add(new ThemeCount(theme.getCode(), theme.getLabel(),
                    themeCounts.getOrDefault(String.valueOf(theme.getCode()), 0L)));
        }
        return list;
    }

    public List<SearchResult.Hit> getLatest() {
        load();
        return latest;
    }

    /** The 96 metropolitan départements drawn on the map. */
    public List<Place> getMap() {
        load();
        long max = territoryCounts.entrySet().stream().filter(e -> e.getKey().startsWith("departement:"))
                .mapToLong(Map.Entry::getValue).max().orElse(0);
        List<Place> places = new ArrayList<>();
        for (DepartmentMap.Outline outline : map.outlines()) {
            String key = Territory.key("departement", outline.code());
            long count = territoryCounts.getOrDefault(key, 0L);
            String name = labels.of("territory", key);
            places.add(new Place(outline.code(), name, count, "/territoires/" + key, name + " : " + labels.sheets(count),
                    shade(count, max), outline.d()));
        }
        return places;
    }

    /** Every département, overseas included, for the list that replaces the map for screen readers. */
    public List<Place> getDepartements() {
        load();
        List<Place> places = new ArrayList<>();
        for (Territory d : map.departements()) {
            long count = territoryCounts.getOrDefault(d.key(), 0L);
            places.add(new Place(d.code(), d.name(), count, "/territoires/" + d.key(),
                    d.code() + " " + d.name() + " : " + labels.sheets(count), 0, null));
        }
        return places;
    }

    static int shade(long count, long max) {
        if (count <= 0 || max <= 0) {
            return 0;
        }
        return (int) Math.max(1, Math.min(SHADES - 1, Math.ceil((SHADES - 1) * (double) count / max)));
    }
}
