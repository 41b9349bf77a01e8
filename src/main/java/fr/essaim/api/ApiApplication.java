package fr.essaim.api;

import java.util.Map;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;

@ApplicationPath("api")
@OpenAPIDefinition(info = @Info(title = "Essaim — API publique", version = "1",
        description = "Lecture libre des fiches publiées d'Essaim, la base de connaissances des services publics "
                + "territoriaux : recherche à facettes, fiches, thèmes et territoires. Sans clé ni cookie ; CORS ouvert "
                + "pour GET. Les réponses portent un ETag (304 sur If-None-Match) et un Cache-Control public. Les erreurs "
                + "sont des problem details (RFC 9457, application/problem+json) avec un message en français dans "
                + "detail et error.",
        license = @License(name = "Contenus : voir chaque fiche")))
public class ApiApplication extends Application {

    /** The WADL would publish the framework and its version; the OpenAPI document describes the API. */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
