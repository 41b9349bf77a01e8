package fr.essaim.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
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

import fr.essaim.content.ContentException;
import fr.essaim.content.ContentService;
import fr.essaim.content.CorpusReader;
import fr.essaim.content.ImportJobs;
import fr.essaim.content.ImportReport;
import fr.essaim.search.InvalidSearchException;
import fr.essaim.search.SearchService;
import fr.essaim.security.Roles;
import fr.essaim.shared.JsonFields;

/** The whole corpus out as a zip, and in from a zip or a YesWiki Bazar export: administrators only. */
@Path("v1")
@RequestScoped
public class ContentResource {

    private static final long MAX_UPLOAD = CorpusReader.Limits.DEFAULT.maxArchiveBytes();

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
    public Response export() throws IOException {
        var refused = Access.refusedUnless(security, Roles.ADMIN);
        if (refused.isPresent()) {
            return refused.get();
        }
        var parameters = uri.getQueryParameters();
        Map<String, List<String>> filters = SearchResource.filters(parameters);
        String query = parameters.getFirst("q");
        StreamingOutput zip;
        if (filters.isEmpty() && (query == null || query.isBlank())) {
            zip = content::exportZip;
        } else {
            try {
                java.util.Set<String> slugs = search.allSlugs(query, filters);
                zip = out -> content.exportZip(slugs, out);
            } catch (InvalidSearchException e) {
                return ApiError.of(Response.Status.BAD_REQUEST, e.getMessage());
            }
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
    public Response importZip(InputStream body) throws IOException {
        return adminImport(body, ZIP_TOO_LARGE, content::importZip);
    }

    @POST
    @Path("import")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
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
    public Response startZipImport(InputStream body) throws IOException {
        return startImport(body, ZIP_TOO_LARGE, content::importZip);
    }

    @POST
    @Path("imports")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
    public Response startYesWikiImport(InputStream body) throws IOException {
        return startImport(body, JSON_TOO_LARGE, yesWiki);
    }

    @GET
    @Path("imports/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
    public Response importStatus(@PathParam("id") String id) {
        return jobs.find(id).map(job -> Response.ok(toJson(job)).build())
                .orElseGet(() -> ApiError.of(Response.Status.NOT_FOUND, "Aucun import « " + id
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

    /** Administrators only; a refused file whole is a 400. */
    private Response adminImport(InputStream body, String tooLarge, Upload upload) throws IOException {
        return received(body, tooLarge, bytes -> {
            try {
                return Response.ok(toJson(upload.importFrom(bytes, security.getUserPrincipal().getName(), new ImportReport())))
                        .build();
            } catch (ContentException e) {
                return ApiError.of(Response.Status.BAD_REQUEST, e.getMessage());
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

    /** The uploaded file of an administrator, read no further than the limit, handed to what comes next. */
    private Response received(InputStream body, String tooLarge, java.util.function.Function<byte[], Response> then)
            throws IOException {
        var refused = Access.refusedUnless(security, Roles.ADMIN);
        if (refused.isPresent()) {
            return refused.get();
        }
        byte[] bytes = readAtMost(body, MAX_UPLOAD);
        return bytes == null ? ApiError.of(413, tooLarge) : then.apply(bytes);
    }

    /** A job's state ({@code en-cours}, {@code termine}, {@code echec}), files done out of the total, and the report so far. */
    static JsonObject toJson(ImportJobs.Job job) {
        // The state first: once it says done, the report read after it is complete.
        ImportJobs.State state = job.state();
        ImportReport report = job.report();
        var status = JsonFields.JSON.createObjectBuilder(toJson(report))
                .add("id", job.id())
                .add("state", state.code())
                .add("done", report.done())
                .add("total", report.total());
        if (job.error() != null) {
            status.add("error", job.error());
        }
        return status.build();
    }

    static JsonObject toJson(ImportReport report) {
        JsonArrayBuilder files = JsonFields.JSON.createArrayBuilder();
        for (ImportReport.Entry entry : report.entries()) {
            files.add(JsonFields.JSON.createObjectBuilder()
                    .add("path", entry.path())
                    .add("outcome", entry.outcome().name().toLowerCase())
                    .add("label", entry.outcome().label())
                    .add("reasons", JsonFields.JSON.createArrayBuilder(entry.reasons())));
        }
        return JsonFields.JSON.createObjectBuilder()
                .add("summary", report.summary())
                .add("imported", report.count(ImportReport.Outcome.IMPORTED))
                .add("updated", report.count(ImportReport.Outcome.UPDATED))
                .add("unchanged", report.count(ImportReport.Outcome.UNCHANGED))
                .add("refused", report.count(ImportReport.Outcome.REFUSED))
                .add("ignored", report.count(ImportReport.Outcome.IGNORED))
                .add("files", files)
                .build();
    }

    /** The body, or null past the limit: an upload is read no further than what may be accepted. */
    private static byte[] readAtMost(InputStream body, long limit) throws IOException {
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        return bytes.length > limit ? null : bytes;
    }
}
