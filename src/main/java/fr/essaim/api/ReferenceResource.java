package fr.essaim.api;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import fr.essaim.search.SearchService;
import fr.essaim.sheet.JsonFields;
import fr.essaim.territory.Territory;
import fr.essaim.territory.TerritoryCatalog;
import fr.essaim.theme.Theme;
import fr.essaim.theme.ThemeService;

/** Reference data for partner sites and forms: themes and territories, with how many sheets each has. */
@Path("v1")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
public class ReferenceResource {

    private static final int MAX_TERRITORIES = 20;

    @Inject
    ThemeService themes;

    @Inject
    TerritoryCatalog territories;

    @Inject
    SearchService search;

    @GET
    @Path("themes")
    public Response themes() {
        Map<String, Long> counts = search.countAll("theme");
        JsonArrayBuilder list = JsonFields.JSON.createArrayBuilder();
        for (Theme theme : themes.all()) {
            list.add(JsonFields.JSON.createObjectBuilder()
                    .add("code", String.valueOf(theme.getCode()))
                    .add("label", theme.getLabel())
                    .add("description", theme.getDescription() == null ? "" : theme.getDescription())
                    .add("examples", JsonFields.JSON.createArrayBuilder(theme.getExamples() == null ? List.of()
                            : List.of(theme.getExamples().split(" ; "))))
                    .add("count", counts.getOrDefault(String.valueOf(theme.getCode()), 0L)));
        }
        return Response.ok(JsonFields.JSON.createObjectBuilder().add("themes", list).build()).build();
    }

    /** By name as typed (accents ignored), by INSEE code or key, or by postcode. */
    @GET
    @Path("territories")
    public Response territories(@QueryParam("q") String query) {
        String typed = query == null ? "" : query.strip();
        if (typed.length() < 2 || typed.length() > 100) {
            return ApiError.of(Response.Status.BAD_REQUEST,
                    "le paramètre q (2 à 100 caractères) donne un nom, un code INSEE ou un code postal");
        }
        Map<String, Long> counts = search.countAll("territory");
        JsonArrayBuilder list = JsonFields.JSON.createArrayBuilder();
        for (Territory t : territories.lookup(typed, MAX_TERRITORIES)) {
            var item = JsonFields.JSON.createObjectBuilder()
                    .add("key", t.key())
                    .add("code", t.code())
                    .add("level", t.level())
                    .add("levelLabel", t.levelLabel())
                    .add("name", t.name())
                    .add("postcodes", JsonFields.JSON.createArrayBuilder(t.postcodes()))
                    .add("count", counts.getOrDefault(t.key(), 0L));
            if (t.departement() != null) {
                item.add("departement", t.departement());
            }
            if (t.region() != null) {
                item.add("region", t.region());
            }
            if (t.population() > 0) {
                item.add("population", t.population());
            }
            list.add(item);
        }
        return Response.ok(JsonFields.JSON.createObjectBuilder().add("q", typed).add("territories", list).build()).build();
    }
}
