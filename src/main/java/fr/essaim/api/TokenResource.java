package fr.essaim.api;

import java.sql.SQLException;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import fr.essaim.security.EssaimAuthentication;
import fr.essaim.security.Roles;
import fr.essaim.security.TokenService;
import fr.essaim.shared.JsonFields;

/** API tokens: created with the account's password, shown once, listed and revoked by their owner or an admin. */
@Path("v1/tokens")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
@RolesAllowed({Roles.CONTRIBUTOR, Roles.EDITOR, Roles.ADMIN})
public class TokenResource {

    @Inject
    TokenService tokens;

    @Context
    SecurityContext security;

    @Context
    HttpServletRequest request;

    @POST
    public Response create(String body) throws SQLException {
        if (!"password".equals(request.getAttribute(EssaimAuthentication.METHOD))) {
            return ApiError.of(Response.Status.FORBIDDEN, "Un jeton se crée avec le mot de passe du compte (HTTP Basic), "
                    + "pas avec un autre jeton.");
        }
        String label = null;
        if (body != null && !body.isBlank()) {
            try {
                label = JsonFields.JSON.createReader(new java.io.StringReader(body)).readObject().getString("label", null);
            } catch (RuntimeException e) {
                return ApiError.of(Response.Status.BAD_REQUEST, "Corps illisible : JSON {\"label\": …} attendu, ou rien.");
            }
        }
        TokenService.NewToken token = tokens.create(security.getUserPrincipal().getName(), label);
        return Response.status(201).entity(JsonFields.JSON.createObjectBuilder()
                .add("id", token.id())
                .add("token", token.value())
                .add("owner", security.getUserPrincipal().getName())
                .add("warning", "Copiez ce jeton maintenant : il ne sera plus jamais affiché.").build()).build();
    }

    /** One's own tokens; every token for administrators. */
    @GET
    public Response list() throws SQLException {
        JsonArrayBuilder list = JsonFields.JSON.createArrayBuilder();
        for (TokenService.Token t : tokens.list(security.isUserInRole(Roles.ADMIN) ? null : security.getUserPrincipal().getName())) {
            var item = JsonFields.JSON.createObjectBuilder().add("id", t.id()).add("owner", t.owner())
                    .add("label", t.label() == null ? "" : t.label()).add("created", t.createdAt().toString())
                    .add("revoked", t.revokedAt() != null);
            if (t.lastUsedAt() != null) {
                item.add("lastUsed", t.lastUsedAt().toString());
            }
            list.add(item);
        }
        return Response.ok(JsonFields.JSON.createObjectBuilder().add("tokens", list).build()).build();
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") long id) throws SQLException {
        Optional<TokenService.Token> token = tokens.find(id);
        boolean mine = token.isPresent() && token.get().owner().equals(security.getUserPrincipal().getName());
        if (token.isEmpty() || !mine && !security.isUserInRole(Roles.ADMIN)) {
            return ApiError.of(Response.Status.NOT_FOUND, "Aucun jeton " + id + " parmi les vôtres.");
        }
        tokens.revoke(id);
        return Response.noContent().build();
    }
}
