package fr.essaim.api;

import java.util.List;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.essaim.search.SearchService;
import fr.essaim.security.Roles;
import fr.essaim.sheet.SheetService;

/**
 * What the administration page polls: the dashboard figures and the progress of a reindex. A
 * reindex answers with its number; the status says up to which number they are over
 * ({@code rebuildsDone}), so that a page does not take the state before its own rebuild for the end of it.
 */
@Path("v1/admin")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Administration")
public class AdminResource {

    @Inject
    SearchService search;

    @Inject
    SheetService sheets;

    @Resource
    ManagedExecutorService executor;

    /** Rebuilds asked for and finished on this node, so that the page knows when its own is over. */
    private static final java.util.concurrent.atomic.AtomicLong REBUILDS_ASKED = new java.util.concurrent.atomic.AtomicLong();
    private static final java.util.concurrent.atomic.AtomicLong REBUILDS_DONE = new java.util.concurrent.atomic.AtomicLong();

    @Operation(summary = "Tableau de bord", description = "Fiches par type et état, relectures en attente, avancement de l'index")
    @APIResponse(responseCode = "200", description = "Les chiffres",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Status")))
    @GET
    @Path("status")
    public Response status() {
        SearchService.Status index = search.status();
        List<Count> counts = sheets.countByKindAndState().stream().map(row -> new Count(String.valueOf(row[0]),
                String.valueOf(row[1]).toLowerCase(), ((Number) row[2]).longValue())).toList();
        long published = sheets.countPublished();
        IndexProgress progress = new IndexProgress(index.state(), index.indexed(),
                "reconstruction".equals(index.state()) ? published : index.total(), REBUILDS_DONE.get());
        return Response.ok(new Status(progress, counts, sheets.reviewQueue().size())).build();
    }

    /** Rebuilds the search index in the background; the status says how far it got. */
    @Operation(summary = "Réindexer", description = "En arrière-plan ; finie quand index.rebuildsDone atteint rebuild")
    @APIResponse(responseCode = "202", description = "Réindexation lancée",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Reindex")))
    @POST
    @Path("reindex")
    public Response reindex() {
        long rebuild = REBUILDS_ASKED.incrementAndGet();
        executor.submit(() -> {
            try {
                search.rebuild();
            } finally {
                REBUILDS_DONE.accumulateAndGet(rebuild, Math::max);
            }
        });
        return Response.accepted(new Reindex("reconstruction", rebuild)).build();
    }

    /** The dashboard: the index, the sheets by kind and state, the proposals waiting for review. */
    @JsonbPropertyOrder({"index", "sheets", "pendingReviews"})
    public record Status(IndexProgress index, List<Count> sheets, int pendingReviews) {
    }

    /** Sheets indexed ({@code done}) out of {@code total}; rebuilds are over up to number {@code rebuildsDone}. */
    @JsonbPropertyOrder({"state", "done", "total", "rebuildsDone"})
    public record IndexProgress(String state, long done, long total, long rebuildsDone) {
    }

    @JsonbPropertyOrder({"kind", "state", "count"})
    public record Count(String kind, String state, long count) {
    }

    /** A reindex started: it is over once {@code index.rebuildsDone} reaches {@code rebuild}. */
    public record Reindex(String state, long rebuild) {
    }
}
