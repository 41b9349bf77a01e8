package fr.essaim.api;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameters;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.essaim.search.Completion;
import fr.essaim.search.InvalidSearchException;
import fr.essaim.search.SearchRequest;
import fr.essaim.search.SearchResult;
import fr.essaim.search.SearchService;
import fr.essaim.shared.JsonFields;

/** Public search: the same service as the search page, in JSON. */
@Path("v1")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
@Tag(name = "Recherche", description = "Recherche plein texte et à facettes dans les fiches publiées")
public class SearchResource {

    /** Search answers may be kept this long by partners and shared caches. */
    static final int SEARCH_MAX_AGE = 60;

    @Inject
    SearchService search;

    @Context
    UriInfo uri;

    @GET
    @Path("search")
    @Operation(summary = "Rechercher des fiches publiées",
            description = "Plein texte (français : accents, pluriels, élisions et synonymes) et facettes. Les valeurs d'une "
                    + "même facette se combinent en OU, les facettes entre elles en ET ; le décompte de chaque facette "
                    + "ignore sa propre sélection (facettes à choix multiple). Les facettes listent toute valeur ayant au "
                    + "moins une fiche ; la facette territory liste régions et départements, plus les communes et EPCI "
                    + "d'un département choisi. Réponse revalidable : ETag, 304 sur If-None-Match.")
    @Parameters({
        @Parameter(name = "q", in = ParameterIn.QUERY, description = "Mots cherchés ; \"phrase exacte\", -mot exclu et OR/OU "
                + "sont compris ; 300 caractères et 32 mots au plus", example = "crèche itinérante"),
        @Parameter(name = "kind", in = ParameterIn.QUERY, description = "Type de fiche (répétable) : experience, vademecum, "
                + "innovation, notion", example = "experience",
                schema = @Schema(type = SchemaType.ARRAY, implementation = String.class)),
        @Parameter(name = "theme", in = ParameterIn.QUERY, description = "Code de bouquet de services ADRETS, 1 à 18 (répétable)",
                example = "6", schema = @Schema(type = SchemaType.ARRAY, implementation = String.class)),
        @Parameter(name = "territory", in = ParameterIn.QUERY, description = "Territoire niveau:code INSEE (répétable) ; une "
                + "fiche sur une commune compte pour son EPCI, son département et sa région", example = "departement:05",
                schema = @Schema(type = SchemaType.ARRAY, implementation = String.class)),
        @Parameter(name = "epci", in = ParameterIn.QUERY, description = "EPCI par son SIREN (répétable)", example = "245600465",
                schema = @Schema(type = SchemaType.ARRAY, implementation = String.class)),
        @Parameter(name = "territoryType", in = ParameterIn.QUERY, description = "Type de territoire (répétable) : rural, "
                + "périurbain, urbain, montagne, littoral, quartier prioritaire, outre-mer", example = "rural",
                schema = @Schema(type = SchemaType.ARRAY, implementation = String.class)),
        @Parameter(name = "status", in = ParameterIn.QUERY, description = "Statut d'une expérience ou maturité d'une "
                + "innovation (répétable)", example = "pérennisée",
                schema = @Schema(type = SchemaType.ARRAY, implementation = String.class)),
        @Parameter(name = "year", in = ParameterIn.QUERY, description = "Année de début (répétable)", example = "2012",
                schema = @Schema(type = SchemaType.ARRAY, implementation = String.class)),
        @Parameter(name = "category", in = ParameterIn.QUERY, description = "Catégorie d'innovation (répétable)",
                example = "mutualisation territoriale", schema = @Schema(type = SchemaType.ARRAY, implementation = String.class)),
        @Parameter(name = "sort", in = ParameterIn.QUERY, description = "Ordre : relevance (défaut), date (plus récentes "
                + "d'abord), title", example = "date", schema = @Schema(enumeration = {"relevance", "date", "title"})),
        @Parameter(name = "page", in = ParameterIn.QUERY, description = "Page, à partir de 1", example = "1",
                schema = @Schema(type = SchemaType.INTEGER, minimum = "1", defaultValue = "1")),
        @Parameter(name = "size", in = ParameterIn.QUERY, description = "Résultats par page, 0 à 100 ; 0 ne renvoie que le "
                + "total et les facettes", example = "5", schema = @Schema(type = SchemaType.INTEGER, minimum = "0",
                        maximum = "100", defaultValue = "20"))
    })
    @APIResponse(responseCode = "200", description = "total, page, size, hits (slug, title, kind, summary, snippet avec les "
            + "mots trouvés en <mark>, themes, territories, updated, url), facets (value, label, count) et, si un mot "
            + "semble mal orthographié, suggestion et correctedQuery",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "recherche",
                    value = "{\"total\":1,\"page\":1,\"size\":5,\"hits\":[{\"slug\":\"zirondaile-halte-garderie-itinerante\","
                            + "\"title\":\"Zirondaile, halte-garderie itinérante\",\"kind\":\"experience\",\"summary\":\"…\","
                            + "\"snippet\":\"… <mark>crèche</mark> …\",\"themes\":[{\"code\":\"6\",\"label\":\"Petite enfance\"}],"
                            + "\"territories\":[{\"key\":\"departement:54\",\"code\":\"54\",\"level\":\"departement\","
                            + "\"name\":\"Meurthe-et-Moselle\"}],\"updated\":\"2024-01-01T00:00Z\","
                            + "\"url\":\"/fiches/zirondaile-halte-garderie-itinerante\"}],\"facets\":{\"theme\":[{\"value\":\"6\","
                            + "\"label\":\"Petite enfance\",\"count\":1}]}}")))
    @APIResponse(responseCode = "304", description = "Inchangé depuis l'ETag donné dans If-None-Match")
    @APIResponse(responseCode = "400", description = "Paramètre invalide (filtre inconnu, page ou taille hors limites, "
            + "requête trop longue) ; message en français", content = @Content(mediaType = ApiError.PROBLEM_JSON,
                    examples = @ExampleObject(name = "taille", value = "{\"type\":\"about:blank\",\"title\":\"Requête invalide\","
                            + "\"status\":400,\"detail\":\"« size » va de 0 à 100 (reçu : 101)\","
                            + "\"error\":\"« size » va de 0 à 100 (reçu : 101)\"}")))
    public Response search(@Context Request conditional) throws IOException {
        var parameters = uri.getQueryParameters();
        try {
            return Cached.json(conditional, toJson(search.search(request(parameters))), "s-", SEARCH_MAX_AGE);
        } catch (InvalidSearchException e) {
            return ApiError.of(Response.Status.BAD_REQUEST, e.getMessage());
        }
    }

    /** The search a set of API parameters asks for; refused with a French message when malformed. */
    public static SearchRequest request(MultivaluedMap<String, String> parameters) throws InvalidSearchException {
        return SearchRequest.of(parameters.getFirst("q"), filters(parameters), parameters.getFirst("sort"),
                number(parameters.getFirst("page"), "page"), number(parameters.getFirst("size"), "size"));
    }

    @GET
    @Path("suggest")
    @Operation(summary = "Compléter une saisie", description = "Titres de fiches, thèmes et territoires qui commencent "
            + "comme la saisie, pour une liste déroulante pendant la frappe")
    @APIResponse(responseCode = "200", description = "q et suggestions (text, type : sheet, theme ou territory, value, url)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "itin",
                    value = "{\"q\":\"itin\",\"suggestions\":[{\"text\":\"Zirondaile, halte-garderie itinérante\","
                            + "\"type\":\"sheet\",\"value\":\"zirondaile-halte-garderie-itinerante\","
                            + "\"url\":\"/fiches/zirondaile-halte-garderie-itinerante\"}]}")))
    @APIResponse(responseCode = "400", description = "Saisie de plus de 100 caractères",
            content = @Content(mediaType = ApiError.PROBLEM_JSON))
    public Response suggest(@Parameter(description = "Début de saisie", example = "itin") @QueryParam("q") String typed,
            @Context Request conditional) throws IOException {
        if (typed != null && typed.length() > 100) {
            return ApiError.of(Response.Status.BAD_REQUEST, "saisie trop longue pour une complétion (100 caractères au plus)");
        }
        JsonArrayBuilder suggestions = JsonFields.JSON.createArrayBuilder();
        for (Completion completion : search.suggest(typed, 10)) {
            suggestions.add(JsonFields.JSON.createObjectBuilder()
                    .add("text", completion.text())
                    .add("type", completion.type())
                    .add("value", completion.value())
                    .add("url", completion.url()));
        }
        return Cached.json(conditional, JsonFields.JSON.createObjectBuilder().add("q", typed == null ? "" : typed)
                .add("suggestions", suggestions).build(), "c-", SEARCH_MAX_AGE);
    }

    /** The facet filters among the query parameters. */
    static Map<String, List<String>> filters(MultivaluedMap<String, String> parameters) {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        for (String name : SearchRequest.FILTERS) {
            if (parameters.containsKey(name)) {
                filters.put(name, parameters.get(name));
            }
        }
        return filters;
    }

    static Integer number(String value, String name) throws InvalidSearchException {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidSearchException("« " + name + " » doit être un nombre entier (reçu : " + value + ")");
        }
    }

    static JsonObject toJson(SearchResult result) {
        JsonArrayBuilder hits = JsonFields.JSON.createArrayBuilder();
        result.hits().forEach(hit -> hits.add(hit(hit)));
        JsonObjectBuilder facets = JsonFields.JSON.createObjectBuilder();
        result.facets().forEach((dim, values) -> {
            JsonArrayBuilder array = JsonFields.JSON.createArrayBuilder();
            values.forEach(v -> array.add(JsonFields.JSON.createObjectBuilder().add("value", v.value()).add("label", v.label())
                    .add("count", v.count())));
            facets.add(dim, array);
        });
        JsonObjectBuilder json = JsonFields.JSON.createObjectBuilder()
                .add("total", result.total())
                .add("page", result.page())
                .add("size", result.size())
                .add("hits", hits)
                .add("facets", facets);
        if (result.suggestion() != null) {
            json.add("suggestion", result.suggestion());
        }
        if (result.correctedQuery() != null) {
            json.add("correctedQuery", result.correctedQuery());
        }
        return json.build();
    }

    static JsonObjectBuilder hit(SearchResult.Hit hit) {
        JsonArrayBuilder themes = JsonFields.JSON.createArrayBuilder();
        hit.themes().forEach(t -> themes.add(JsonFields.JSON.createObjectBuilder().add("code", t.code()).add("label", t.label())));
        JsonArrayBuilder places = JsonFields.JSON.createArrayBuilder();
        hit.territories().forEach(p -> places.add(JsonFields.JSON.createObjectBuilder().add("key", p.key()).add("code", p.code())
                .add("level", p.level()).add("name", p.name())));
        return JsonFields.JSON.createObjectBuilder()
                .add("slug", hit.slug())
                .add("title", hit.title())
                .add("kind", hit.kind())
                .add("summary", hit.summary() == null ? "" : hit.summary())
                .add("snippet", hit.snippet())
                .add("themes", themes)
                .add("territories", places)
                .add("updated", hit.updated().toString())
                .add("url", hit.url());
    }
}
