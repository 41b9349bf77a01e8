package fr.essaim.api;

import java.io.IOException;
import java.net.URI;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.essaim.problem.Problems;
import fr.essaim.problem.Problem;
import fr.essaim.essaimage.Spread;
import fr.essaim.markdown.MarkdownRenderer;
import fr.essaim.opendata.OpenDataSettings;
import fr.essaim.opendata.SheetFacts;
import fr.essaim.search.SearchService;
import fr.essaim.shared.JsonFields;
import fr.essaim.sheet.Revision;
import fr.essaim.sheet.SheetService;
import fr.essaim.sheet.WikiLinks;
import fr.essaim.shared.Slugs;

@Path("v1/sheets")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
@Tag(name = "Fiches", description = "Les fiches publiées")
public class SheetResource {

    static final int SHEET_MAX_AGE = 300;

    @Inject
    SheetService sheets;

    @Inject
    WikiLinks wikiLinks;

    @Inject
    OpenDataSettings openData;

    @Inject
    SearchService search;

    @Inject
    Spread spread;

    @Context
    UriInfo uriInfo;

    @GET
    @Path("{slug}")
    @Operation(summary = "Lire une fiche publiée",
            description = "Champs, texte Markdown et HTML assaini, liens sortants (avec exists), fiches qui la citent "
                    + "(backlinks) et fiches proches (related). L'ETag commence par « slug-révision- » et change dès que "
                    + "quoi que ce soit change dans la réponse (nouvelle révision, rétroliens, fiches proches, cibles des "
                    + "liens, anciens noms) : 304 sur If-None-Match identique.")
    @APIResponse(responseCode = "200", description = "La fiche publiée",
            headers = {@Header(name = "ETag", description = "\"slug-révision-empreinte\""),
                @Header(name = "Last-Modified", description = "Date de la révision publiée")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SheetAnswer"),
                    examples = @ExampleObject(name = "fiche",
                    value = "{\"slug\":\"zirondaile-halte-garderie-itinerante\",\"kind\":\"experience\","
                            + "\"title\":\"Zirondaile, halte-garderie itinérante\",\"summary\":\"…\",\"fields\":{},"
                            + "\"aliases\":[\"ZirondAile\"],\"markdown\":\"---\\ntitle: …\",\"html\":\"<h2>Contexte</h2>…\","
                            + "\"revision\":1,\"updated\":\"2024-01-01T00:00Z\",\"url\":\"/fiches/zirondaile-halte-garderie-itinerante\","
                            + "\"links\":[{\"slug\":\"maison-de-services-au-public\",\"exists\":true}],"
                            + "\"backlinks\":[{\"slug\":\"…\",\"title\":\"…\"}],\"related\":[]}")))
    @APIResponse(responseCode = "301", description = "Ancien nom (WikiName) d'une fiche : Location donne son adresse")
    @APIResponse(responseCode = "304", description = "Inchangée depuis l'ETag donné dans If-None-Match")
    @APIResponse(responseCode = "404", description = "Aucune fiche publiée sous ce nom",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "inconnue",
                    value = "{\"type\":\"about:blank\",\"title\":\"Ressource introuvable\",\"status\":404,"
                            + "\"detail\":\"Aucune fiche publiée ne porte l'identifiant « x ».\","
                            + "\"error\":\"Aucune fiche publiée ne porte l'identifiant « x ».\"}")))
    public Response get(@Parameter(description = "Identifiant de la fiche ou ancien nom", example = "zirondaile-halte-garderie-itinerante")
            @PathParam("slug") String slug, @Context Request request) {
        Optional<Revision> published = Slugs.isValid(slug) ? sheets.findPublished(slug) : Optional.empty();
        if (published.isEmpty()) {
            Optional<String> target = wikiLinks.resolveAlias(slug);
            if (target.isPresent()) {
                URI canonical = uriInfo.getBaseUriBuilder().path("v1/sheets/{slug}").build(target.get());
                return Response.status(Response.Status.MOVED_PERMANENTLY).location(canonical).build();
            }
            return Problems.response(Response.Status.NOT_FOUND, "Aucune fiche publiée ne porte l'identifiant « " + slug + " ».");
        }
        Revision revision = published.get();
        // The revision number leads the tag so that writers can still tell which revision they edit; the digest
        // of the whole answer follows so that backlinks, related sheets, link targets and aliases count too.
        Response answer = Cached.json(request, toJson(revision), slug + "-" + revision.getNumber() + "-", SHEET_MAX_AGE);
        return Response.fromResponse(answer).lastModified(Date.from(revision.getCreatedAt().toInstant())).build();
    }

    private SheetAnswer toJson(Revision revision) {
        String slug = revision.getSheet().getSlug();
        var existing = sheets.publishedAmong(revision.getLinks());
        List<SearchResource.Hit> related = List.of();
        try {
            related = search.related(slug, 5).stream().map(SearchResource.Hit::of).toList();
        } catch (IOException e) {
            // The sheet is still worth serving without its neighbours while the index is unavailable.
        }
        return new SheetAnswer(slug, revision.getKind(), revision.getTitle(),
                revision.getSummary() == null ? "" : revision.getSummary(), JsonFields.parse(revision.getFieldsJson()),
                List.copyOf(revision.getSheet().getAliases()), revision.getSource(),
                // The links resolved as the page shows them, not as they stood when the revision was written.
                wikiLinks.linkedHtml(revision), revision.getNumber(), revision.getCreatedAt().toString(),
                MarkdownRenderer.SHEET_PATH + slug,
                revision.getLinks().stream().map(target -> new Link(target, existing.contains(target))).toList(),
                sheets.backlinks(slug).stream().map(source -> new Backlink(source.getSheet().getSlug(), source.getTitle()))
                        .toList(),
                related, SheetFacts.licenceOf(revision, openData), SheetFacts.informationYearOf(revision),
                SheetFacts.lastEditedOf(revision), spread.inspiredBy(slug), spread.reproduced(slug));
    }

    /** A published sheet with its outgoing links, the sheets citing it and its neighbours. */
    @JsonbPropertyOrder({"slug", "kind", "title", "summary", "fields", "aliases", "markdown", "html", "revision", "updated",
        "url", "links", "backlinks", "related", "licence", "informationYear", "lastEdited", "inspiredBy", "reproductions"})
    public record SheetAnswer(String slug, String kind, String title, String summary, JsonObject fields, List<String> aliases,
            String markdown, String html, int revision, String updated, String url, List<Link> links,
            List<Backlink> backlinks, List<SearchResource.Hit> related, SheetFacts.LicenceAnswer licence,
            @JsonbNillable Integer informationYear, @JsonbNillable String lastEdited, List<Spread.Named> inspiredBy,
            List<Spread.Reproduced> reproductions) {
    }

    /** A wiki link of the text: the sheet it designates, and whether it is published. */
    public record Link(String slug, boolean exists) {
    }

    public record Backlink(String slug, String title) {
    }
}
