package fr.essaim.api;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import fr.essaim.problem.Problems;

/** Every failure of the API becomes a problem with its proper status. */
@Provider
public class ApiExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable error) {
        if (error instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            Response problem = Problems.response(status, switch (status) {
                case 403 -> "Votre compte n'a pas le rôle requis pour cette action.";
                case 404 -> "Ressource introuvable.";
                case 405 -> "Méthode non autorisée sur cette adresse.";
                case 406 -> "Format de réponse non disponible : cette API répond en JSON.";
                case 415 -> "Format de requête non pris en charge : envoyez une archive zip (application/zip), "
                        + "un export YesWiki (application/json) ou une fiche (text/markdown) selon l'adresse.";
                default -> status < 500 ? "Requête invalide." : "Service momentanément indisponible.";
            });
            // A 405 says which methods the address takes.
            String allow = web.getResponse().getHeaderString("Allow");
            return allow == null ? problem : Response.fromResponse(problem).header("Allow", allow).build();
        }
        if (error instanceof java.io.IOException) {
            // The search index being opened, rebuilt or out of reach: a passing state, not a fault of the request.
            LOG.log(Level.WARNING, "Index de recherche indisponible", error);
            Response unavailable = Problems.response(Response.Status.SERVICE_UNAVAILABLE,
                    "L'index de recherche est momentanément indisponible : réessayez dans quelques secondes.");
            return Response.fromResponse(unavailable).header("Retry-After", "5").build();
        }
        LOG.log(Level.SEVERE, "Erreur interne de l'API", error);
        return Problems.response(Response.Status.INTERNAL_SERVER_ERROR, "Erreur interne : l'incident a été consigné.");
    }
}
