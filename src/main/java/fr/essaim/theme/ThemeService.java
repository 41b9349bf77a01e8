package fr.essaim.theme;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import fr.essaim.infra.Transactions;

/** The theme reference table, kept equal to the list shipped with the application. */
@ApplicationScoped
public class ThemeService {

    @Inject
    EntityManager em;

    @Inject
    Transactions transactions;

    /** Inserts new themes and refreshes the labels of known ones; returns how many there are. */
    public int synchronize(List<Theme> themes) {
        return transactions.inNewTransaction(() -> {
            for (Theme theme : themes) {
                Theme stored = em.find(Theme.class, theme.getCode());
                if (stored == null) {
                    em.persist(theme);
                } else {
                    stored.update(theme.getLabel(), theme.getDescription(), theme.getExamples());
                }
            }
            return themes.size();
        });
    }

    public List<Theme> all() {
        return em.createQuery("select t from Theme t order by t.code", Theme.class).getResultList();
    }

    public Optional<Theme> find(int code) {
        return Optional.ofNullable(em.find(Theme.class, code));
    }
}
