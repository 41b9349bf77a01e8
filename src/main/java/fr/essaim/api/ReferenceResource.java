package fr.essaim.api;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.essaim.problem.Problems;
import fr.essaim.problem.Problem;
import fr.essaim.search.SearchService;
import fr.essaim.territory.TerritoryCatalog;
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
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Themes"),
                    examples = @ExampleObject(name = "themes",
                    value = "{\"themes\":[{\"code\":\"6\",\"label\":\"Petite enfance\",\"description\":\"…\","
                            + "\"examples\":[\"crèche\"],\"count\":12}]}")))
    public Response themes(@Context Request request) {
        Map<String, Long> counts = search.countAll("theme");
        List<ThemeAnswer> list = themes.all().stream().map(theme -> new ThemeAnswer(String.valueOf(theme.getCode()),
                theme.getLabel(), theme.getDescription() == null ? "" : theme.getDescription(),
                theme.getExamples() == null ? List.of() : List.of(theme.getExamples().split(" ; ")),
                counts.getOrDefault(String.valueOf(theme.getCode()), 0L))).toList();
        return Cached.json(request, new Themes(list), "t-", SearchResource.SEARCH_MAX_AGE);
    }

    /** By name as typed (accents ignored), by INSEE code or key, or by postcode. */
    @GET
    @Path("territories")
    @Operation(summary = "Trouver un territoire",
            description = "Par nom tel que saisi (accents ignorés), code INSEE, clé niveau:code ou code postal ; la clé "
                    + "(key) est la valeur du filtre territory de la recherche")
    @APIResponse(responseCode = "200", description = "q et territories (key, code, level, levelLabel, name, postcodes, "
            + "departement, region, population, count), 20 au plus",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Territories"),
                    examples = @ExampleObject(name = "oisans",
                    value = "{\"q\":\"bourg d'oi\",\"territories\":[{\"key\":\"commune:38052\",\"code\":\"38052\","
                            + "\"level\":\"commune\",\"levelLabel\":\"commune\",\"name\":\"Le Bourg-d'Oisans\","
                            + "\"postcodes\":[\"38520\"],\"departement\":\"38\",\"region\":\"84\",\"count\":0}]}")))
    @APIResponse(responseCode = "400", description = "q absent, ou hors de 2 à 100 caractères",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response territories(@Parameter(description = "Nom, code INSEE, clé ou code postal (2 à 100 caractères)",
            example = "bourg d'oi", required = true) @QueryParam("q") String query, @Context Request request) {
        String typed = query == null ? "" : query.strip();
        if (typed.length() < 2 || typed.length() > 100) {
            return Problems.response(Response.Status.BAD_REQUEST,
                    "le paramètre q (2 à 100 caractères) donne un nom, un code INSEE ou un code postal");
        }
        Map<String, Long> counts = search.countAll("territory");
        List<TerritoryAnswer> list = territories.lookup(typed, MAX_TERRITORIES).stream()
                .map(t -> new TerritoryAnswer(t.key(), t.code(), t.level(), t.levelLabel(), t.name(), t.postcodes(),
                        counts.getOrDefault(t.key(), 0L), t.departement(), t.region(),
                        t.population() > 0 ? Long.valueOf(t.population()) : null))
                .toList();
        return Cached.json(request, new Territories(typed, list), "r-", SearchResource.SEARCH_MAX_AGE);
    }

    public record Themes(List<ThemeAnswer> themes) {
    }

    /** A theme: its code is the value of the search's {@code theme} filter. */
    @JsonbPropertyOrder({"code", "label", "description", "examples", "count"})
    public record ThemeAnswer(String code, String label, String description, List<String> examples, long count) {
    }

    public record Territories(String q, List<TerritoryAnswer> territories) {
    }

    /** A territory: its key is the value of the search's {@code territory} filter; absent parts are left out. */
    @JsonbPropertyOrder({"key", "code", "level", "levelLabel", "name", "postcodes", "count", "departement", "region",
        "population"})
    public record TerritoryAnswer(String key, String code, String level, String levelLabel, String name,
            List<String> postcodes, long count, String departement, String region, Long population) {
    }
}
