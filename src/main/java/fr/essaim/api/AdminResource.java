package fr.essaim.api;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import fr.essaim.search.SearchService;
import fr.essaim.security.Roles;
import fr.essaim.shared.JsonFields;
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

    @GET
    @Path("status")
    public Response status() {
        SearchService.Status index = search.status();
        JsonArrayBuilder counts = JsonFields.JSON.createArrayBuilder();
        for (Object[] row : sheets.countByKindAndState()) {
            counts.add(JsonFields.JSON.createObjectBuilder().add("kind", String.valueOf(row[0]))
                    .add("state", String.valueOf(row[1]).toLowerCase()).add("count", ((Number) row[2]).longValue()));
        }
        long published = sheets.countPublished();
        return Response.ok(JsonFields.JSON.createObjectBuilder()
                .add("index", JsonFields.JSON.createObjectBuilder()
                        .add("state", index.state())
                        .add("done", index.indexed())
                        .add("total", "reconstruction".equals(index.state()) ? published : index.total())
                        .add("rebuildsDone", REBUILDS_DONE.get()))
                .add("sheets", counts)
                .add("pendingReviews", sheets.reviewQueue().size())
                .build()).build();
    }

    /** Rebuilds the search index in the background; the status says how far it got. */
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
        return Response.accepted(JsonFields.JSON.createObjectBuilder().add("state", "reconstruction")
                .add("rebuild", rebuild).build()).build();
    }
}
