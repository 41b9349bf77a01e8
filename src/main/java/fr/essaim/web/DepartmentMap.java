package fr.essaim.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import fr.essaim.territory.Territory;
import fr.essaim.territory.TerritoryCatalog;

/**
 * The outline of each metropolitan département, read once from the SVG map shipped with the
 * application (svg-maps, CC BY 4.0), and the list of all départements for the text alternative.
 */
@ApplicationScoped
public class DepartmentMap {

    static final String RESOURCE = "france-departements.svg";
    private static final Pattern PATH = Pattern.compile("<path\\s+id=\"([0-9AB]+)\"\\s+aria-label=\"[^\"]*\"\\s+d=\"([^\"]+)\"");

    /** One département outline: its INSEE code and its SVG path data. */
    public record Outline(String code, String d) {
    }

    @Inject
    TerritoryCatalog territories;

    private volatile List<Outline> outlines;
    private volatile List<Territory> departements;

    public List<Outline> outlines() {
        if (outlines == null) {
            outlines = read();
        }
        return outlines;
    }

    /** Every département, overseas included, in code order. */
    public List<Territory> departements() {
        if (departements == null) {
            departements = territories.all().stream().filter(t -> t.level().equals("departement"))
                    .sorted(Comparator.comparing(Territory::code)).toList();
        }
        return departements;
    }

    private static List<Outline> read() {
        try (InputStream in = DepartmentMap.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("carte des départements absente : " + RESOURCE);
            }
            Matcher m = PATH.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            List<Outline> found = new ArrayList<>();
            while (m.find()) {
                found.add(new Outline(m.group(1), m.group(2)));
            }
            return List.copyOf(found);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
