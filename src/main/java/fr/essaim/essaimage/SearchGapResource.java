package fr.essaim.essaimage;

import java.sql.SQLException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.essaim.security.Roles;
import fr.essaim.shared.JsonFields;

/** What people search for in vain, for editors. */
@Path("v1/search-gaps")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
@RolesAllowed(Roles.EDITOR)
@Tag(name = "Essaimage", description = "Reprises d'expériences et recherches sans résultat")
public class SearchGapResource {

    static final int LIMIT = 500;

    @Inject
    SearchGaps gaps;

    @GET
    @Operation(summary = "Ce que l'on cherche sans trouver",
            description = "Recherches sans résultat ou presque (au plus " + SearchGaps.FEW + "), regroupées par requête "
                    + "normalisée : nombre de fois (une par visiteur et par minute, robots exclus), résultats de la "
                    + "dernière, dernier jour vu. Aucune donnée personnelle. Réservé aux relecteurs.")
    @APIResponse(responseCode = "200", description = "[{\"query\",\"count\",\"results\",\"lastSeen\"}]")
    @APIResponse(responseCode = "401", description = "Identification requise")
    @APIResponse(responseCode = "403", description = "Compte sans le rôle de relecteur")
    public Response list() throws SQLException {
        JsonArrayBuilder list = JsonFields.JSON.createArrayBuilder();
        for (SearchGaps.Gap gap : gaps.list(LIMIT)) {
            list.add(JsonFields.JSON.createObjectBuilder().add("query", gap.query()).add("count", gap.count())
                    .add("results", gap.results()).add("lastSeen", gap.lastSeen().toString()));
        }
        CacheControl private_ = new CacheControl();
        private_.setPrivate(true);
        private_.setNoStore(true);
        return Response.ok(list.build()).cacheControl(private_).build();
    }
}
