package fr.essaim.api;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.essaim.problem.Problems;
import fr.essaim.security.EssaimAuthentication;
import fr.essaim.security.Roles;
import fr.essaim.security.TokenService;
import fr.essaim.shared.JsonFields;

/** API tokens: created with the account's password, shown once, listed and revoked by their owner or an admin. */
@Path("v1/tokens")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
@RolesAllowed({Roles.CONTRIBUTOR, Roles.EDITOR, Roles.ADMIN})
@Tag(name = "Jetons", description = "Jetons d'API des comptes")
public class TokenResource {

    @Inject
    TokenService tokens;

    @Context
    SecurityContext security;

    @Context
    HttpServletRequest request;

    @Operation(summary = "Créer un jeton", description = "Avec le mot de passe du compte (HTTP Basic), jamais avec un autre "
            + "jeton (403) ; le jeton n'est montré qu'une fois")
    @RequestBody(description = "Libellé facultatif", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "TokenLabel")))
    @APIResponse(responseCode = "201", description = "Le jeton, à copier maintenant",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "NewToken")))
    @SecurityRequirement(name = ApiApplication.BASIC)
    @POST
    public Response create(String body) throws SQLException {
        if (!"password".equals(request.getAttribute(EssaimAuthentication.METHOD))) {
            return Problems.response(Response.Status.FORBIDDEN, "Un jeton se crée avec le mot de passe du compte (HTTP Basic), "
                    + "pas avec un autre jeton.");
        }
        String label = null;
        if (body != null && !body.isBlank()) {
            try {
                label = JsonFields.JSON.createReader(new java.io.StringReader(body)).readObject().getString("label", null);
            } catch (RuntimeException e) {
                return Problems.response(Response.Status.BAD_REQUEST, "Corps illisible : JSON {\"label\": …} attendu, ou rien.");
            }
        }
        TokenService.NewToken token = tokens.create(security.getUserPrincipal().getName(), label);
        return Response.status(201).entity(new NewToken(token.id(), token.value(), security.getUserPrincipal().getName(),
                "Copiez ce jeton maintenant : il ne sera plus jamais affiché.")).build();
    }

    /** One's own tokens; every token for administrators. */
    @Operation(summary = "Ses jetons", description = "Tous les jetons pour un administrateur")
    @APIResponse(responseCode = "200", description = "Les jetons, sans leur valeur",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Tokens")))
    @GET
    public Response list() throws SQLException {
        String owner = security.isUserInRole(Roles.ADMIN) ? null : security.getUserPrincipal().getName();
        return Response.ok(new Tokens(tokens.list(owner).stream().map(t -> new TokenAnswer(t.id(), t.owner(),
                t.label() == null ? "" : t.label(), t.createdAt().toString(), t.revokedAt() != null,
                t.lastUsedAt() == null ? null : t.lastUsedAt().toString())).toList())).build();
    }

    @Operation(summary = "Révoquer un jeton", description = "Par son propriétaire ou un administrateur")
    @APIResponse(responseCode = "204", description = "Révoqué")
    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") long id) throws SQLException {
        Optional<TokenService.Token> token = tokens.find(id);
        boolean mine = token.isPresent() && token.get().owner().equals(security.getUserPrincipal().getName());
        if (token.isEmpty() || !mine && !security.isUserInRole(Roles.ADMIN)) {
            return Problems.response(Response.Status.NOT_FOUND, "Aucun jeton " + id + " parmi les vôtres.");
        }
        tokens.revoke(id);
        return Response.noContent().build();
    }

    /** A new token, shown this once. */
    @JsonbPropertyOrder({"id", "token", "owner", "warning"})
    public record NewToken(long id, String token, String owner, String warning) {
    }

    /** A token as listed: never its value; {@code lastUsed} once it has served. */
    @JsonbPropertyOrder({"id", "owner", "label", "created", "revoked", "lastUsed"})
    public record TokenAnswer(long id, String owner, String label, String created, boolean revoked, String lastUsed) {
    }

    public record Tokens(List<TokenAnswer> tokens) {
    }

    /** An optional label for a new token. */
    public record TokenLabel(String label) {
    }
}
