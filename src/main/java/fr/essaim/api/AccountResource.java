package fr.essaim.api;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import fr.essaim.security.AccountService;
import fr.essaim.security.Roles;
import fr.essaim.shared.JsonFields;

/** Accounts, for administrators: create, list, change roles, disable. */
@Path("v1/accounts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
@RolesAllowed(Roles.ADMIN)
public class AccountResource {

    @Inject
    AccountService accounts;

    @GET
    public Response list() throws SQLException {
        JsonArrayBuilder list = JsonFields.JSON.createArrayBuilder();
        accounts.list().forEach(a -> list.add(toJson(a)));
        return Response.ok(JsonFields.JSON.createObjectBuilder().add("accounts", list).build()).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonObject body) throws SQLException {
        try {
            List<String> roles = roles(body);
            AccountService.Account created = accounts.register(body.getString("name", null),
                    body.getString("password", "").toCharArray(), roles == null ? List.of(Roles.CONTRIBUTOR) : roles);
            return Response.status(201).entity(toJson(created)).build();
        } catch (AccountService.AccountException e) {
            return ApiError.of(e.getMessage().contains("existe déjà") ? Response.Status.CONFLICT : Response.Status.BAD_REQUEST,
                    e.getMessage());
        } catch (ClassCastException e) {
            return ApiError.of(Response.Status.BAD_REQUEST, "Corps attendu : {\"name\", \"password\", \"roles\": [...]}.");
        }
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("name") String name, JsonObject body) throws SQLException {
        try {
            Boolean disabled = body.containsKey("disabled") ? body.getBoolean("disabled") : null;
            char[] password = body.containsKey("password") ? body.getString("password").toCharArray() : null;
            return Response.ok(toJson(accounts.update(name, roles(body), disabled, password))).build();
        } catch (AccountService.AccountException e) {
            return ApiError.of(e.getMessage().startsWith("Aucun compte") ? Response.Status.NOT_FOUND
                    : Response.Status.BAD_REQUEST, e.getMessage());
        } catch (ClassCastException e) {
            return ApiError.of(Response.Status.BAD_REQUEST, "Corps attendu : {\"roles\": [...], \"disabled\": true/false}.");
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

    private static JsonObject toJson(AccountService.Account account) {
        return JsonFields.JSON.createObjectBuilder()
                .add("name", account.name())
                .add("roles", JsonFields.JSON.createArrayBuilder(account.roles()))
                .add("disabled", account.disabled())
                .add("created", account.createdAt().toString()).build();
    }
}
