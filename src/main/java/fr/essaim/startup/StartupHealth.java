package fr.essaim.startup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while the schema, the reference data or the first corpus import are under way. */
@Readiness
@ApplicationScoped
public class StartupHealth implements HealthCheck {

    @Inject
    StartupState startup;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("demarrage")
                .status(startup.isStarted())
                .withData("etape", startup.phase());
        if (startup.failure() != null) {
            response.withData("erreur", startup.failure());
        }
        return response.build();
    }
}
