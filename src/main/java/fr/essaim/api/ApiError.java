package fr.essaim.api;

import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import fr.essaim.shared.JsonFields;

/**
 * Error answers as RFC 9457 problem details: a status, a French title and message, never a stack
 * trace. The message is also kept under {@code error}, the name clients of the first version read.
 */
public final class ApiError {

    public static final String PROBLEM_JSON = "application/problem+json";

    public static final MediaType PROBLEM_JSON_TYPE = MediaType.valueOf(PROBLEM_JSON + ";charset=UTF-8");

    private ApiError() {
    }

    public static Response of(Response.Status status, String message) {
        return of(status.getStatusCode(), message);
    }

    public static Response of(int status, String message) {
        JsonObjectBuilder body = JsonFields.JSON.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", title(status))
                .add("status", status)
                .add("detail", message)
                .add("error", message);
        // Written as text: the JSON providers of the container do not all accept the problem media type.
        return Response.status(status).type(PROBLEM_JSON_TYPE).entity(body.build().toString()).build();
    }

    static String title(int status) {
        return switch (status) {
            case 400 -> "Requête invalide";
            case 401 -> "Identification requise";
            case 403 -> "Accès refusé";
            case 404 -> "Ressource introuvable";
            case 405 -> "Méthode non autorisée";
            case 406 -> "Format de réponse non disponible";
            case 409 -> "Conflit";
            case 412 -> "Version périmée";
            case 413 -> "Requête trop volumineuse";
            case 415 -> "Format de requête non pris en charge";
            case 428 -> "Requête conditionnelle exigée";
            case 429 -> "Trop de requêtes";
            default -> status < 500 ? "Requête refusée" : "Erreur du service";
        };
    }
}
