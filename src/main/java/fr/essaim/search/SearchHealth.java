package fr.essaim.search;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the index has caught up with the change log. The search index's state — demarrage, reconstruction (with progress), pret, erreur — and how far it follows the change log. */
@Readiness
@ApplicationScoped
public class SearchHealth implements HealthCheck {

    @Inject
    SearchService search;

    @Override
    public HealthCheckResponse call() {
        SearchService.Status status = search.status();
        return HealthCheckResponse.named("index-de-recherche")
                .status(status.ready())
                .withData("etat", status.state())
                .withData("derniereModificationAppliquee", status.appliedSequence())
                .withData("derniereModification", status.lastChange())
                .withData("fichesIndexeesPendantLaReconstruction", status.indexed())
                .build();
    }
}
