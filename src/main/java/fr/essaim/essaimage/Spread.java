package fr.essaim.essaimage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import fr.essaim.territory.Territory;
import fr.essaim.territory.TerritoryCatalog;

/** Where a sheet spread: its reproductions with their places, by département, for the page and the API. */
@ApplicationScoped
public class Spread {

    /** A reproduction as readers see it. */
    public record Reproduction(String slug, String title, List<Territory> territories) {
    }

    /** How many reproductions a département holds. */
    public record Departement(Territory departement, long count) {
    }

    @Inject
    TakeUps takeUps;

    @Inject
    TerritoryCatalog territories;

    public List<Reproduction> reproductions(String slug) {
        return takeUps.reproductions(slug).stream().map(t -> new Reproduction(t.slug(), t.title(),
                t.territories().stream().flatMap(key -> territories.find(key).stream()).toList())).toList();
    }

    /** The départements of the reproductions, the most taken up first; a reproduction on a whole région counts in none. */
    public List<Departement> departements(List<Reproduction> reproductions) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Reproduction reproduction : reproductions) {
            Set<String> in = new LinkedHashSet<>();
            for (Territory place : reproduction.territories()) {
                if (place.level().equals("departement")) {
                    in.add(place.key());
                }
                territories.ancestors(place.key()).stream().filter(k -> k.startsWith("departement:")).forEach(in::add);
            }
            in.forEach(key -> counts.merge(key, 1L, Long::sum));
        }
        List<Departement> departements = new ArrayList<>();
        counts.forEach((key, count) -> territories.find(key).ifPresent(d -> departements.add(new Departement(d, count))));
        departements.sort(Comparator.comparingLong(Departement::count).reversed()
                .thenComparing(d -> d.departement().code()));
        return departements;
    }

    /** A sheet named by a take-up link, as the API gives it. */
    public record Named(String slug, String title) {
    }

    /** A territory of a reproduction, as the API gives it. */
    @JsonbPropertyOrder({"key", "code", "level", "name"})
    public record Place(String key, String code, String level, String name) {
    }

    /** A reproduction, as the API gives it. */
    @JsonbPropertyOrder({"slug", "title", "territories"})
    public record Reproduced(String slug, String title, List<Place> territories) {
    }

    /** {@code inspiredBy} of the API's sheet. */
    public List<Named> inspiredBy(String slug) {
        return takeUps.inspirations(slug).stream().map(n -> new Named(n.slug(), n.title())).toList();
    }

    /** {@code reproductions} of the API's sheet. */
    public List<Reproduced> reproduced(String slug) {
        return reproductions(slug).stream().map(r -> new Reproduced(r.slug(), r.title(), r.territories().stream()
                .map(t -> new Place(t.key(), t.code(), t.level(), t.name())).toList())).toList();
    }
}
