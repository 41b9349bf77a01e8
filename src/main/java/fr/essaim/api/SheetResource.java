package fr.essaim.api;

import java.io.IOException;
import java.net.URI;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import fr.essaim.markdown.MarkdownRenderer;
import fr.essaim.search.SearchService;
import fr.essaim.sheet.JsonFields;
import fr.essaim.sheet.Revision;
import fr.essaim.sheet.SheetService;
import fr.essaim.sheet.Slugs;

@Path("v1/sheets")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
public class SheetResource {

    @Inject
    SheetService sheets;

    @Inject
    SearchService search;

    @Context
    UriInfo uriInfo;

    @GET
    @Path("{slug}")
    public Response get(@PathParam("slug") String slug, @Context Request request) {
        Optional<Revision> published = Slugs.isValid(slug) ? sheets.findPublished(slug) : Optional.empty();
        if (published.isEmpty()) {
            Optional<String> target = sheets.resolveAlias(slug);
            if (target.isPresent()) {
                URI canonical = uriInfo.getBaseUriBuilder().path("v1/sheets/{slug}").build(target.get());
                return Response.status(Response.Status.MOVED_PERMANENTLY).location(canonical).build();
            }
            return ApiError.of(Response.Status.NOT_FOUND, "Aucune fiche publiée ne porte l'identifiant « " + slug + " ».");
        }
        Revision revision = published.get();
        EntityTag etag = new EntityTag(slug + "-" + revision.getNumber());
        Date lastModified = Date.from(revision.getCreatedAt().toInstant());
        Response.ResponseBuilder notModified = request.evaluatePreconditions(lastModified, etag);
        if (notModified != null) {
            return notModified.tag(etag).build();
        }
        return Response.ok(toJson(revision)).tag(etag).lastModified(lastModified).build();
    }

    private JsonObject toJson(Revision revision) {
        String slug = revision.getSheet().getSlug();
        JsonObject fields = JsonFields.parse(revision.getFieldsJson());
        JsonObjectBuilder json = JsonFields.JSON.createObjectBuilder()
                .add("slug", slug)
                .add("kind", revision.getKind())
                .add("title", revision.getTitle())
                .add("summary", revision.getSummary() == null ? "" : revision.getSummary())
                .add("fields", fields)
                .add("aliases", JsonFields.JSON.createArrayBuilder(List.copyOf(revision.getSheet().getAliases())))
                .add("markdown", revision.getSource())
                .add("html", revision.getHtml())
                .add("revision", revision.getNumber())
                .add("updated", revision.getCreatedAt().toString())
                .add("url", MarkdownRenderer.SHEET_PATH + slug);
        JsonArrayBuilder links = JsonFields.JSON.createArrayBuilder();
        var existing = sheets.publishedAmong(revision.getLinks());
        revision.getLinks().forEach(target -> links.add(JsonFields.JSON.createObjectBuilder()
                .add("slug", target)
                .add("exists", existing.contains(target))));
        json.add("links", links);
        JsonArrayBuilder backlinks = JsonFields.JSON.createArrayBuilder();
        sheets.backlinks(slug).forEach(source -> backlinks.add(JsonFields.JSON.createObjectBuilder()
                .add("slug", source.getSheet().getSlug())
                .add("title", source.getTitle())));
        json.add("backlinks", backlinks);
        JsonArrayBuilder related = JsonFields.JSON.createArrayBuilder();
        try {
            search.related(slug, 5).forEach(hit -> related.add(SearchResource.hit(hit)));
        } catch (IOException e) {
            // The sheet is still worth serving without its neighbours while the index is unavailable.
        }
        json.add("related", related);
        return json.build();
    }
}
