package fr.essaim.alert;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import fr.essaim.problem.Problem;
import fr.essaim.problem.Problems;

/**
 * {@code POST /api/v1/subscriptions}: anyone asks to follow a search or a sheet; 202 whatever the
 * address already follows, so that the answer tells nothing about it.
 */
@Path("v1/subscriptions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
public class SubscriptionResource {

    private static final int MAX_BODY = 16 * 1024;
    static final String ACCEPTED = "Demande reçue : si l'adresse est valide, un courriel de confirmation y est envoyé. "
            + "Rien d'autre ne sera envoyé avant que le lien de ce courriel soit suivi.";

    @Inject
    AlertService alerts;

    @Context
    HttpServletRequest request;

    @POST
    @PermitAll
    @Operation(summary = "Suivre une recherche ou une fiche par courriel",
            description = "Corps JSON {\"email\", \"search\"} (chaîne de paramètres de la recherche) ou {\"email\", "
                    + "\"sheet\"} (slug d'une fiche publiée). Un courriel de confirmation est envoyé ; rien d'autre avant "
                    + "que son lien soit suivi. La réponse est la même que l'adresse suive déjà quelque chose ou non.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "recherche",
            value = "{\"email\":\"agente@mairie-embrun.fr\",\"search\":\"theme=6&territory=departement:05\"}")))
    @APIResponse(responseCode = "202", description = "demande reçue",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "reçue",
                    value = "{\"status\":\"accepted\",\"message\":\"Demande reçue : …\"}")))
    @APIResponse(responseCode = "400", description = "adresse invalide, paramètre de recherche, thème, territoire ou fiche "
            + "inconnus, JSON mal formé", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "429", description = "trop de demandes depuis ce client (en-tête Retry-After)",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response subscribe(InputStream body) throws IOException, SQLException {
        JsonObject json;
        byte[] bytes = body.readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            return Problems.response(413, "Requête trop volumineuse.");
        }
        try (JsonReader reader = Json.createReader(new StringReader(new String(bytes, StandardCharsets.UTF_8)))) {
            json = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            return Problems.response(400, "Corps JSON attendu : {\"email\": …, \"search\": \"theme=6&territory=departement:05\"} "
                    + "ou {\"email\": …, \"sheet\": slug}.");
        }
        for (String name : json.keySet()) {
            if (!name.equals("email") && !name.equals("search") && !name.equals("sheet")) {
                return Problems.response(400, "Champ inconnu : « " + name + " » (champs : email, search, sheet).");
            }
        }
        try {
            alerts.subscribe(text(json, "email"), text(json, "search"), text(json, "sheet"),
                    alerts.client(request.getRemoteAddr(), request.getHeader("X-Forwarded-For")));
        } catch (InvalidSubscriptionException e) {
            return Problems.response(400, e.getMessage());
        } catch (ThrottledException e) {
            return Response.fromResponse(Problems.response(429, e.getMessage()))
                    .header("Retry-After", Math.max(1, e.retryAfter().toSeconds())).build();
        }
        return Response.accepted(Json.createObjectBuilder().add("status", "accepted").add("message", ACCEPTED).build())
                .build();
    }

    private static String text(JsonObject json, String name) throws InvalidSubscriptionException {
        JsonValue value = json.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (!(value instanceof JsonString string)) {
            throw new InvalidSubscriptionException("« " + name + " » doit être une chaîne de caractères.");
        }
        return string.getString();
    }
}
