package fr.essaim.api;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.essaim.problem.Problems;
import fr.essaim.mail.EmailAddresses;
import fr.essaim.security.AccountService;
import fr.essaim.security.Roles;

/** Accounts, for administrators: create, list, change roles, disable. */
@Path("v1/accounts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Administration", description = "Comptes, imports, export, index ; rôle admin")
public class AccountResource {

    @Inject
    AccountService accounts;

    @Operation(summary = "Les comptes")
    @APIResponse(responseCode = "200", description = "Les comptes",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Accounts")))
    @GET
    public Response list() throws SQLException {
        return Response.ok(new Accounts(accounts.list().stream().map(AccountResource::toJson).toList())).build();
    }

    @Operation(summary = "Créer un compte", description = "Rôles : contributor (défaut), editor, admin ; 409 si le nom est pris")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "NewAccount")))
    @APIResponse(responseCode = "201", description = "Le compte créé",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AccountAnswer")))
    @APIResponse(responseCode = "409", description = "Un compte porte déjà ce nom")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonObject body) throws SQLException {
        try {
            List<String> roles = roles(body);
            String email = body.getString("email", null);
            if (email != null && !email.isBlank() && EmailAddresses.normalize(email).isEmpty()) {
                throw new AccountService.AccountException(EmailAddresses.invalid(email));
            }
            AccountService.Account created = accounts.register(body.getString("name", null),
                    body.getString("password", "").toCharArray(), roles == null ? List.of(Roles.CONTRIBUTOR) : roles);
            if (email != null) {
                created = accounts.setContact(created.name(), email, true);
            }
            return Response.status(201).entity(toJson(created)).build();
        } catch (AccountService.AccountException e) {
            return Problems.response(e.getMessage().contains("existe déjà") ? Response.Status.CONFLICT : Response.Status.BAD_REQUEST,
                    e.getMessage());
        } catch (ClassCastException e) {
            return Problems.response(Response.Status.BAD_REQUEST, "Corps attendu : {\"name\", \"password\", \"roles\": [...]}.");
        }
    }

    @Operation(summary = "Changer un compte", description = "Ses rôles, sa désactivation ou son mot de passe")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "AccountChange")))
    @APIResponse(responseCode = "200", description = "Le compte changé",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AccountAnswer")))
    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("name") String name, JsonObject body) throws SQLException {
        try {
            Boolean disabled = body.containsKey("disabled") ? body.getBoolean("disabled") : null;
            char[] password = body.containsKey("password") ? body.getString("password").toCharArray() : null;
            AccountService.Account changed = accounts.update(name, roles(body), disabled, password);
            if (body.containsKey("email")) {
                changed = accounts.setContact(name, body.isNull("email") ? null : body.getString("email"), changed.reviewMails());
            }
            return Response.ok(toJson(changed)).build();
        } catch (AccountService.AccountException e) {
            return Problems.response(e.getMessage().startsWith("Aucun compte") ? Response.Status.NOT_FOUND
                    : Response.Status.BAD_REQUEST, e.getMessage());
        } catch (ClassCastException e) {
            return Problems.response(Response.Status.BAD_REQUEST, "Corps attendu : {\"roles\": [...], \"disabled\": true/false}.");
        }
    }

    private static List<String> roles(JsonObject body) {
        if (!(body.get("roles") instanceof JsonArray array)) {
            return null;
        }
        List<String> roles = new ArrayList<>();
        for (JsonValue value : array) {
            roles.add(((JsonString) value).getString());
        }
        return roles;
    }

    private static AccountAnswer toJson(AccountService.Account account) {
        return new AccountAnswer(account.name(), List.copyOf(account.roles()), account.disabled(), account.createdAt().toString(),
                account.email());
    }

    @JsonbPropertyOrder({"name", "roles", "disabled", "created", "email"})
    public record AccountAnswer(String name, List<String> roles, boolean disabled, String created, String email) {
    }

    public record Accounts(List<AccountAnswer> accounts) {
    }

    /** A new account; roles default to contributor. */
    public record NewAccount(String name, String password, List<String> roles, String email) {
    }

    /** A change of an account: any of its roles, whether it is disabled, its password, its e-mail address. */
    public record AccountChange(List<String> roles, Boolean disabled, String password, String email) {
    }
}
