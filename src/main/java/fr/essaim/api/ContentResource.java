package fr.essaim.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.essaim.problem.Problems;
import fr.essaim.content.ContentException;
import fr.essaim.content.ContentService;
import fr.essaim.content.CorpusReader;
import fr.essaim.content.ImportJobs;
import fr.essaim.content.ImportReport;
import fr.essaim.search.InvalidSearchException;
import fr.essaim.search.SearchRequest;
import fr.essaim.search.SearchService;
import fr.essaim.security.Roles;

/** The whole corpus out as a zip, and in from a zip or a YesWiki Bazar export: administrators only. */
@Path("v1")
@RequestScoped
@Tag(name = "Administration")
public class ContentResource {

    private static final long MAX_UPLOAD = CorpusReader.Limits.DEFAULT.maxArchiveBytes();
    /** One address takes both bodies, and the OpenAPI document merges its two methods: each names both. */
    private static final String UPLOAD = "Archive zip au format content/ (application/zip), ou export YesWiki Bazar : "
            + "le JSON de api/forms/{id}/entries (application/json)";

    @Inject
    ContentService content;

    @Inject
    SearchService search;

    @Inject
    ImportJobs jobs;

    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    /**
     * The whole corpus, every sheet and revision; with search parameters ({@code q}, {@code theme},
     * {@code territory}…), only the published sheets that search finds.
     */
    @GET
    @Path("export")
    @Produces({"application/zip", MediaType.APPLICATION_JSON})
    @Operation(summary = "Exporter le corpus", description = "Toutes les fiches et révisions en zip au format content/ ; avec "
            + "les paramètres de la recherche (q, theme, territory…), seulement les fiches publiées qu'elle trouve")
    @APIResponse(responseCode = "200", description = "L'archive",
            content = @Content(mediaType = "application/zip", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @RolesAllowed(Roles.ADMIN)
    public Response export() throws IOException {
        StreamingOutput zip;
        try {
            SearchRequest selection = SearchRequest.parse(uri.getQueryParameters(), SearchResource.DEFAULT_SIZE);
            if (selection.filters().isEmpty() && selection.query().isBlank()) {
                zip = content::exportZip;
            } else {
                java.util.Set<String> slugs = search.allSlugs(selection.query(), selection.filters());
                zip = out -> content.exportZip(slugs, out);
            }
        } catch (InvalidSearchException e) {
            return Problems.response(Response.Status.BAD_REQUEST, e.getMessage());
        }
        // Streamed a page of sheets at a time: a corpus of any size, never whole in memory.
        return Response.ok(zip).type("application/zip")
                .header("Content-Disposition", "attachment; filename=\"essaim-corpus.zip\"").build();
    }

    @POST
    @Path("import")
    @RolesAllowed(Roles.ADMIN)
    @Consumes({"application/zip", "application/x-zip-compressed", MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
    @Operation(summary = "Importer une archive ou un export YesWiki", description = "Rapport fichier par fichier")
    @RequestBody(required = true, description = UPLOAD, content = {
        @Content(mediaType = "application/zip", schema = @Schema(type = SchemaType.STRING, format = "binary")),
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT))})
    @APIResponse(responseCode = "200", description = "Le rapport",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Imported")))
    public Response importZip(InputStream body) throws IOException {
        return adminImport(body, ZIP_TOO_LARGE, content::importZip);
    }

    @POST
    @Path("import")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
    @RequestBody(required = true, description = UPLOAD, content = {
        @Content(mediaType = "application/zip", schema = @Schema(type = SchemaType.STRING, format = "binary")),
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT))})
    public Response importYesWiki(InputStream body) throws IOException {
        return adminImport(body, JSON_TOO_LARGE, yesWiki);
    }

    /**
     * The same imports in the background: answers 202 at once with the address of the job, whose
     * status tells the files done out of the total, then the per-file report.
     */
    @POST
    @Path("imports")
    @RolesAllowed(Roles.ADMIN)
    @Consumes({"application/zip", "application/x-zip-compressed", MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
    @Operation(summary = "Importer en arrière-plan", description = "202 aussitôt, l'adresse du suivi dans Location")
    @RequestBody(required = true, description = UPLOAD, content = {
        @Content(mediaType = "application/zip", schema = @Schema(type = SchemaType.STRING, format = "binary")),
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT))})
    @APIResponse(responseCode = "202", description = "Import lancé",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ImportStatus")))
    public Response startZipImport(InputStream body) throws IOException {
        return startImport(body, ZIP_TOO_LARGE, content::importZip);
    }

    @POST
    @Path("imports")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
    @RequestBody(required = true, description = UPLOAD, content = {
        @Content(mediaType = "application/zip", schema = @Schema(type = SchemaType.STRING, format = "binary")),
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT))})
    public Response startYesWikiImport(InputStream body) throws IOException {
        return startImport(body, JSON_TOO_LARGE, yesWiki);
    }

    @GET
    @Path("imports/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
    @Operation(summary = "Suivre un import", description = "en-cours, termine ou echec ; fichiers faits sur le total ; rapport")
    @APIResponse(responseCode = "200", description = "L'état de l'import",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ImportStatus")))
    public Response importStatus(@PathParam("id") String id) {
        return jobs.find(id).map(job -> Response.ok(toJson(job)).build())
                .orElseGet(() -> Problems.response(Response.Status.NOT_FOUND, "Aucun import « " + id
                        + " » n'est connu de ce serveur (seuls les derniers imports sont gardés, jusqu'à son redémarrage)."));
    }

    private static final String ZIP_TOO_LARGE = "Archive trop volumineuse (" + MAX_UPLOAD / (1 << 20) + " Mio au plus).";
    private static final String JSON_TOO_LARGE = "Export trop volumineux.";

    /** An import from an uploaded file, into a report. */
    @FunctionalInterface
    private interface Upload {
        ImportReport importFrom(byte[] bytes, String importer, ImportReport report) throws ContentException;
    }

    private final Upload yesWiki = (bytes, importer, report) ->
            content.importYesWiki(new String(bytes, StandardCharsets.UTF_8), importer, report);

    /** A refused file whole is a 400. */
    private Response adminImport(InputStream body, String tooLarge, Upload upload) throws IOException {
        return received(body, tooLarge, bytes -> {
            try {
                return Response.ok(toJson(upload.importFrom(bytes, security.getUserPrincipal().getName(), new ImportReport())))
                        .build();
            } catch (ContentException e) {
                return Problems.response(Response.Status.BAD_REQUEST, e.getMessage());
            }
        });
    }

    private Response startImport(InputStream body, String tooLarge, Upload upload) throws IOException {
        return received(body, tooLarge, bytes -> {
            String importer = security.getUserPrincipal().getName();
            ImportJobs.Job job = jobs.start(importer, report -> upload.importFrom(bytes, importer, report));
            return Response.accepted(toJson(job)).location(uri.getBaseUriBuilder().path("v1/imports/" + job.id()).build())
                    .build();
        });
    }

    /** The uploaded file, read no further than the limit, handed to what comes next. */
    private Response received(InputStream body, String tooLarge, java.util.function.Function<byte[], Response> then)
            throws IOException {
        byte[] bytes = readAtMost(body, MAX_UPLOAD);
        return bytes == null ? Problems.response(413, tooLarge) : then.apply(bytes);
    }

    /** A job's state ({@code en-cours}, {@code termine}, {@code echec}), files done out of the total, and the report so far. */
    static ImportStatus toJson(ImportJobs.Job job) {
        // The state first: once it says done, the report read after it is complete.
        ImportJobs.State state = job.state();
        ImportReport report = job.report();
        Imported files = toJson(report);
        return new ImportStatus(job.id(), state.code(), report.done(), report.total(), job.error(), files.summary(),
                files.imported(), files.updated(), files.unchanged(), files.refused(), files.ignored(), files.files());
    }

    static Imported toJson(ImportReport report) {
        return new Imported(report.summary(), report.count(ImportReport.Outcome.IMPORTED),
                report.count(ImportReport.Outcome.UPDATED), report.count(ImportReport.Outcome.UNCHANGED),
                report.count(ImportReport.Outcome.REFUSED), report.count(ImportReport.Outcome.IGNORED),
                report.entries().stream().map(entry -> new FileOutcome(entry.path(), entry.outcome().name().toLowerCase(),
                        entry.outcome().label(), entry.reasons())).toList());
    }

    /** The report of an import, file by file. */
    @JsonbPropertyOrder({"summary", "imported", "updated", "unchanged", "refused", "ignored", "files"})
    public record Imported(String summary, long imported, long updated, long unchanged, long refused, long ignored,
            List<FileOutcome> files) {
    }

    @JsonbPropertyOrder({"path", "outcome", "label", "reasons"})
    public record FileOutcome(String path, String outcome, String label, List<String> reasons) {
    }

    /** A background import: its state, files done out of the total, its error if it failed, and the report so far. */
    @JsonbPropertyOrder({"id", "state", "done", "total", "error", "summary", "imported", "updated", "unchanged", "refused",
        "ignored", "files"})
    public record ImportStatus(String id, String state, long done, long total, String error, String summary, long imported,
            long updated, long unchanged, long refused, long ignored, List<FileOutcome> files) {
    }

    /** The body, or null past the limit: an upload is read no further than what may be accepted. */
    private static byte[] readAtMost(InputStream body, long limit) throws IOException {
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        return bytes.length > limit ? null : bytes;
    }
}
