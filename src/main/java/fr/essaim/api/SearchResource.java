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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import fr.essaim.search.Completion;
import fr.essaim.search.InvalidSearchException;
import fr.essaim.search.SearchRequest;
import fr.essaim.search.SearchResult;
import fr.essaim.search.SearchService;
import fr.essaim.sheet.JsonFields;

/** Public search: the same service as the search page, in JSON. */
@Path("v1")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
public class SearchResource {

    @Inject
    SearchService search;

    @Context
    UriInfo uri;

    @GET
    @Path("search")
    public Response search() throws IOException {
        var parameters = uri.getQueryParameters();
        try {
            SearchRequest request = SearchRequest.of(parameters.getFirst("q"), filters(parameters), parameters.getFirst("sort"),
                    number(parameters.getFirst("page"), "page"), number(parameters.getFirst("size"), "size"));
            return Response.ok(toJson(search.search(request))).build();
        } catch (InvalidSearchException e) {
            return ApiError.of(Response.Status.BAD_REQUEST, e.getMessage());
        }
    }

    @GET
    @Path("suggest")
    public Response suggest(@QueryParam("q") String typed) throws IOException {
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
        return Response.ok(JsonFields.JSON.createObjectBuilder().add("q", typed == null ? "" : typed)
                .add("suggestions", suggestions).build()).build();
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

    private static Integer number(String value, String name) throws InvalidSearchException {
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
