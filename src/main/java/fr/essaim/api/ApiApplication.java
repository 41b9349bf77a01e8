package fr.essaim.api;

import java.util.Map;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;

@ApplicationPath("api")
@OpenAPIDefinition(info = @Info(title = "Essaim — API", version = "1",
        description = "Lecture libre des fiches publiées d'Essaim, la base de connaissances des services publics "
                + "territoriaux : recherche à facettes, fiches, thèmes et territoires. Sans clé ni cookie ; CORS ouvert "
                + "pour GET. Écriture, relecture et administration avec un compte : jeton d'API (Bearer) ou HTTP Basic. Les réponses portent un ETag (304 sur If-None-Match) et un Cache-Control public. Les erreurs "
                + "sont des problem details (RFC 9457, application/problem+json) avec un message en français dans "
                + "detail et error.",
        license = @License(name = "Contenus : voir chaque fiche")))
@SecuritySchemes({
    @SecurityScheme(securitySchemeName = ApiApplication.TOKEN, type = SecuritySchemeType.HTTP, scheme = "bearer",
            description = "Jeton d'API d'un compte (POST /api/v1/tokens), dans Authorization: Bearer …"),
    @SecurityScheme(securitySchemeName = ApiApplication.BASIC, type = SecuritySchemeType.HTTP, scheme = "basic",
            description = "Identifiant et mot de passe d'un compte")
})
public class ApiApplication extends Application {

    /** The security schemes of the OpenAPI document, named by the operations that need an account. */
    static final String TOKEN = "jeton";
    static final String BASIC = "basic";

    /** The WADL would publish the framework and its version; the OpenAPI document describes the API. */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
