package fr.essaim.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import fr.essaim.essaimage.Spread;
import fr.essaim.territory.Territory;

/** The small map of the départements where a sheet was taken up, drawn like the home page's. */
@Named
@ApplicationScoped
public class SpreadMap {

    @Inject
    DepartmentMap map;

    /** The metropolitan départements, those with reproductions shaded by their number, the others blank. */
    public List<HomeView.Place> places(List<Spread.Departement> departements) {
        Map<String, Long> counts = departements.stream()
                .collect(Collectors.toMap(d -> d.departement().code(), Spread.Departement::count, Long::sum));
        long max = counts.values().stream().mapToLong(Long::longValue).max().orElse(0);
        List<HomeView.Place> places = new ArrayList<>();
        for (DepartmentMap.Outline outline : map.outlines()) {
            long count = counts.getOrDefault(outline.code(), 0L);
            if (count > 0) {
                String key = Territory.key("departement", outline.code());
                String name = departements.stream().filter(d -> d.departement().code().equals(outline.code())).findFirst()
                        .map(d -> d.departement().name()).orElse(outline.code());
                places.add(new HomeView.Place(outline.code(), name, count, "/territoires/" + key,
                        name + " : " + (count == 1 ? "une reprise" : count + " reprises"), HomeView.shade(count, max), outline.d()));
            } else {
                places.add(new HomeView.Place(outline.code(), null, 0, null, null, 0, outline.d()));
            }
        }
        return places;
    }
}
