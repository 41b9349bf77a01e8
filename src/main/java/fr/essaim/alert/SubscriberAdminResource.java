package fr.essaim.alert;

import java.sql.SQLException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import fr.essaim.problem.Problem;
import fr.essaim.problem.Problems;
import fr.essaim.security.Roles;

/** The personal data of one subscribed address, for an administrator: export it, erase it. */
@Path("v1/admin/subscribers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
@RolesAllowed(Roles.ADMIN)
public class SubscriberAdminResource {

    @Inject
    AlertService alerts;

    @GET
    public Response export(@QueryParam("email") String email) throws SQLException {
        try {
            return alerts.export(email).map(data -> Response.ok(data)
                            .header("Content-Disposition", "attachment; filename=\"donnees-abonnement.json\"").build())
                    .orElseGet(() -> Problems.response(404, "Aucune donnée pour cette adresse."));
        } catch (InvalidSubscriptionException e) {
            return Problems.response(400, e.getMessage());
        }
    }

    @DELETE
    public Response erase(@QueryParam("email") String email) throws SQLException {
        try {
            return alerts.erase(email) ? Response.noContent().build() : Problems.response(404, "Aucune donnée pour cette adresse.");
        } catch (InvalidSubscriptionException e) {
            return Problems.response(400, e.getMessage());
        }
    }
}
