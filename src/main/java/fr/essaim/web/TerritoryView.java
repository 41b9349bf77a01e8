package fr.essaim.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import fr.essaim.search.SearchResult.FacetValue;
import fr.essaim.territory.Territory;
import fr.essaim.territory.TerritoryCatalog;

/**
 * The page of a région, département, EPCI or commune: the sheets on it and on every territory
 * inside it, its parents, and the territories inside it that have sheets.
 */
@Named
@RequestScoped
public class TerritoryView {

    /** Territories inside listed at most, most sheets first. */
    static final int SHOWN = 60;

    @Inject
    TerritoryCatalog territories;

    @Inject
    SearchView searchView;

    @Inject
    Labels labels;

    private String key;
    private Territory territory;

    /** A territory linked from this page, with its number of sheets when known. */
    public record Link(String key, String name, String levelLabel, long count) {
    }

    public void load() throws IOException {
        Optional<Territory> found = key == null ? Optional.empty() : territories.find(key);
        if (found.isEmpty()) {
            Responses.notFound("Territoire introuvable");
            return;
        }
        territory = found.get();
        searchView.imply("/territoires/" + territory.key(), "territory", territory.key());
        searchView.load();
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public Territory getTerritory() {
        return territory;
    }

    /** Région, then département, then EPCI, as far as they apply. */
    public List<Link> getParents() {
        List<Link> parents = new ArrayList<>();
        for (String parent : territories.ancestors(territory.key())) {
            territories.find(parent).ifPresent(t -> parents.add(new Link(t.key(), t.name(), t.levelLabel(), -1)));
        }
        return parents;
    }

    /** For a région its départements, for a département its EPCI and communes: those with sheets, most first. */
    public List<Link> getChildren() {
        List<Link> children = new ArrayList<>();
        if (searchView.getResult() == null) {
            return children;
        }
        for (FacetValue value : searchView.getResult().facets().getOrDefault("territory", List.of())) {
            if (children.size() == SHOWN) {
                break;
            }
            territories.find(value.value()).filter(this::inside)
                    .ifPresent(t -> children.add(new Link(t.key(), t.name(), t.levelLabel(), value.count())));
        }
        return children;
    }

    private boolean inside(Territory other) {
        return switch (territory.level()) {
            case "region" -> other.level().equals("departement") && territory.code().equals(other.region());
            case "departement" -> !other.level().equals("region") && !other.level().equals("departement")
                    && territory.code().equals(other.departement());
            default -> false;
        };
    }
}
