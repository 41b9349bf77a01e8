package fr.essaim.api;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
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

import fr.essaim.essaimage.SearchGaps;
import fr.essaim.opendata.OpenDataExports;
import fr.essaim.opendata.OpenDataSettings;
import fr.essaim.opendata.SearchCsv;
import fr.essaim.problem.Problems;
import fr.essaim.problem.Problem;
import fr.essaim.search.Completion;
import fr.essaim.search.InvalidSearchException;
import fr.essaim.search.SearchRequest;
import fr.essaim.search.SearchResult;
import fr.essaim.search.SearchService;

/** Public search: the same service as the search page, in JSON. */
@Path("v1")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
@Tag(name = "Recherche", description = "Recherche plein texte et à facettes dans les fiches publiées")
public class SearchResource {

    /** The JSON of the answers the search engine keeps, the most recently asked. */
    private static final Cached.Written WRITTEN = new Cached.Written(500);

    /** Search answers may be kept this long by partners and shared caches. */
    static final int SEARCH_MAX_AGE = 60;
    static final int DEFAULT_SIZE = 20;
    /** The same address answers CSV to {@code Accept: text/csv}: shared caches must tell the two apart. */
    static final String VARY = "Accept, Accept-Encoding";

    @Inject
    SearchService search;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    @Context
    HttpServletRequest servletRequest;

    @Inject
    OpenDataExports exports;

    @Inject
    OpenDataSettings openData;

    @Inject
    SearchGaps gaps;

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
        @Parameter(name = "format", in = ParameterIn.QUERY, description = "csv : tous les résultats (pas une page) en CSV, "
                + "colonnes décrites par /donnees/schema.json ; comme Accept: text/csv", example = "csv",
                schema = @Schema(enumeration = {"json", "csv"})),
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
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Found"),
                    examples = @ExampleObject(name = "recherche",
                    value = "{\"total\":1,\"page\":1,\"size\":5,\"hits\":[{\"slug\":\"zirondaile-halte-garderie-itinerante\","
                            + "\"title\":\"Zirondaile, halte-garderie itinérante\",\"kind\":\"experience\",\"summary\":\"…\","
                            + "\"snippet\":\"… <mark>crèche</mark> …\",\"themes\":[{\"code\":\"6\",\"label\":\"Petite enfance\"}],"
                            + "\"territories\":[{\"key\":\"departement:54\",\"code\":\"54\",\"level\":\"departement\","
                            + "\"name\":\"Meurthe-et-Moselle\"}],\"updated\":\"2024-01-01T00:00Z\","
                            + "\"url\":\"/fiches/zirondaile-halte-garderie-itinerante\"}],\"facets\":{\"theme\":[{\"value\":\"6\","
                            + "\"label\":\"Petite enfance\",\"count\":1}]}}")))
    @APIResponse(responseCode = "304", description = "Inchangé depuis l'ETag donné dans If-None-Match")
    @APIResponse(responseCode = "400", description = "Paramètre invalide (filtre inconnu, page ou taille hors limites, "
            + "requête trop longue) ; message en français", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem"),
                    examples = @ExampleObject(name = "taille", value = "{\"type\":\"about:blank\",\"title\":\"Requête invalide\","
                            + "\"status\":400,\"detail\":\"« size » va de 0 à 100 (reçu : 101)\","
                            + "\"error\":\"« size » va de 0 à 100 (reçu : 101)\"}")))
    @Produces({MediaType.APPLICATION_JSON + ";charset=UTF-8", OpenDataExports.CSV_TYPE + ";charset=UTF-8"})
    public Response search(@Context Request conditional) throws IOException {
        var parameters = uri.getQueryParameters();
        try {
            SearchRequest asked = SearchRequest.parse(parameters, DEFAULT_SIZE);
            if (SearchCsv.wanted(parameters.getFirst("format"), headers.getAcceptableMediaTypes())) {
                return SearchCsv.answer(exports.searchCsv(asked, openData.origin(servletRequest)));
            }
            SearchResult result = search.search(asked);
            if (asked.size() > 0) {
                gaps.searched(asked.query(), !asked.filters().isEmpty(), asked.page(), result.total(), servletRequest);
            }
            return Response.fromResponse(Cached.json(conditional, bodyOf(result), SEARCH_MAX_AGE))
                    .header("Vary", null).header("Vary", VARY).build();
        } catch (InvalidSearchException e) {
            return Problems.response(Response.Status.BAD_REQUEST, e.getMessage());
        }
    }

    /** The JSON of an answer, written once for as long as the engine keeps the answer (see {@link KeptSearchAnswers}). */
    static Cached.Body bodyOf(SearchResult result) {
        return WRITTEN.of(result, () -> Cached.Body.of(SearchAnswerJson.write(result), "s-"));
    }

    @GET
    @Path("suggest")
    @Operation(summary = "Compléter une saisie", description = "Titres de fiches, thèmes et territoires qui commencent "
            + "comme la saisie, pour une liste déroulante pendant la frappe")
    @APIResponse(responseCode = "200", description = "q et suggestions (text, type : fiche, theme ou territoire, value, url)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Suggestions"),
                    examples = @ExampleObject(name = "itin",
                    value = "{\"q\":\"itin\",\"suggestions\":[{\"text\":\"Zirondaile, halte-garderie itinérante\","
                            + "\"type\":\"fiche\",\"value\":\"zirondaile-halte-garderie-itinerante\","
                            + "\"url\":\"/fiches/zirondaile-halte-garderie-itinerante\"}]}")))
    @APIResponse(responseCode = "400", description = "Saisie de plus de 100 caractères",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    public Response suggest(@Parameter(description = "Début de saisie", example = "itin") @QueryParam("q") String typed,
            @Context Request conditional) throws IOException {
        if (typed != null && typed.length() > 100) {
            return Problems.response(Response.Status.BAD_REQUEST, "saisie trop longue pour une complétion (100 caractères au plus)");
        }
        return Cached.json(conditional, new Suggestions(typed == null ? "" : typed, search.suggest(typed, 10)), "c-",
                SEARCH_MAX_AGE);
    }

    /** The answer of a search: a page of hits, the facet counts, and a spelling suggestion when one is found. */
    @JsonbPropertyOrder({"total", "page", "size", "hits", "facets", "suggestion", "correctedQuery"})
    public record Found(long total, int page, int size, List<Hit> hits, Map<String, List<SearchResult.FacetValue>> facets,
            String suggestion, String correctedQuery) {

        static Found of(SearchResult result) {
            return new Found(result.total(), result.page(), result.size(), result.hits().stream().map(Hit::of).toList(),
                    result.facets(), result.suggestion(), result.correctedQuery());
        }
    }

    /** A sheet found: {@code snippet} has the matched words in {@code <mark>} and everything else escaped. */
    @JsonbPropertyOrder({"slug", "title", "kind", "summary", "snippet", "themes", "territories", "updated", "url"})
    public record Hit(String slug, String title, String kind, String summary, String snippet,
            List<SearchResult.Theme> themes, List<SearchResult.Place> territories, String updated, String url) {

        static Hit of(SearchResult.Hit hit) {
            return new Hit(hit.slug(), hit.title(), hit.kind(), hit.summary() == null ? "" : hit.summary(), hit.snippet(),
                    hit.themes(), hit.territories(), hit.updated().toString(), hit.url());
        }
    }

    /** Completions of what was typed: sheet titles, themes and territories, each with its address. */
    public record Suggestions(String q, List<Completion> suggestions) {
    }

}
