package fr.essaim.infra;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Makes the container-managed entity manager injectable with {@code @Inject}. */
@ApplicationScoped
public class Persistence {

    @Produces
    @PersistenceContext(unitName = "essaim")
    private EntityManager entityManager;
}
