package fr.essaim.problem;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * An error answer as an RFC 9457 problem: a status, a French title and message, never a stack
 * trace. The message is also kept under {@code error}, the name clients of the first version read.
 */
@JsonbPropertyOrder({"type", "title", "status", "detail", "error"})
public record Problem(String type, String title, int status, String detail, String error) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String detail) {
        return new Problem("about:blank", title(status), status, detail, detail);
    }

    public static String title(int status) {
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
            case 503 -> "Service momentanément indisponible";
            default -> status < 500 ? "Requête refusée" : "Erreur du service";
        };
    }
}
