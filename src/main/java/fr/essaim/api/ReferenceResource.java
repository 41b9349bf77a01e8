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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.essaim.search.SearchService;
import fr.essaim.shared.JsonFields;
import fr.essaim.territory.Territory;
import fr.essaim.territory.TerritoryCatalog;
import fr.essaim.theme.Theme;
import fr.essaim.theme.ThemeService;

/** Reference data for partner sites and forms: themes and territories, with how many sheets each has. */
@Path("v1")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
@Tag(name = "Référentiels", description = "Thèmes et territoires, avec leur nombre de fiches publiées")
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
    @Operation(summary = "Les 18 bouquets de services",
            description = "Classification ADRETS : code (valeur du filtre theme de la recherche), libellé, description, "
                    + "exemples et nombre de fiches publiées")
    @APIResponse(responseCode = "200", description = "themes",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "themes",
                    value = "{\"themes\":[{\"code\":\"6\",\"label\":\"Petite enfance\",\"description\":\"…\","
                            + "\"examples\":[\"crèche\"],\"count\":12}]}")))
    public Response themes(@Context Request request) {
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
        return Cached.json(request, JsonFields.JSON.createObjectBuilder().add("themes", list).build(), "t-",
                SearchResource.SEARCH_MAX_AGE);
    }

    /** By name as typed (accents ignored), by INSEE code or key, or by postcode. */
    @GET
    @Path("territories")
    @Operation(summary = "Trouver un territoire",
            description = "Par nom tel que saisi (accents ignorés), code INSEE, clé niveau:code ou code postal ; la clé "
                    + "(key) est la valeur du filtre territory de la recherche")
    @APIResponse(responseCode = "200", description = "q et territories (key, code, level, levelLabel, name, postcodes, "
            + "departement, region, population, count), 20 au plus",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "oisans",
                    value = "{\"q\":\"bourg d'oi\",\"territories\":[{\"key\":\"commune:38052\",\"code\":\"38052\","
                            + "\"level\":\"commune\",\"levelLabel\":\"commune\",\"name\":\"Le Bourg-d'Oisans\","
                            + "\"postcodes\":[\"38520\"],\"departement\":\"38\",\"region\":\"84\",\"count\":0}]}")))
    @APIResponse(responseCode = "400", description = "q absent, ou hors de 2 à 100 caractères",
            content = @Content(mediaType = ApiError.PROBLEM_JSON))
    public Response territories(@Parameter(description = "Nom, code INSEE, clé ou code postal (2 à 100 caractères)",
            example = "bourg d'oi", required = true) @QueryParam("q") String query, @Context Request request) {
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
        return Cached.json(request, JsonFields.JSON.createObjectBuilder().add("q", typed).add("territories", list).build(), "r-",
                SearchResource.SEARCH_MAX_AGE);
    }
}
