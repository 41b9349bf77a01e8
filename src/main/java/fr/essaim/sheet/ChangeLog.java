package fr.essaim.sheet;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * The change log as its readers see it: every change to what readers see, numbered in commit
 * order, that each node's search index tails. Entries are written by the {@link SheetRepository}.
 */
@ApplicationScoped
public class ChangeLog {

    private EntityManager em;

    protected ChangeLog() {
        // for the container's proxy
    }

    @Inject
    public ChangeLog(EntityManager em) {
        this.em = em;
    }

    /** Changes after a sequence number, oldest first. */
    public List<Change> changesAfter(long seq, int limit) {
        return em.createQuery("select c from Change c where c.seq > :seq order by c.seq", Change.class)
                .setParameter("seq", seq).setMaxResults(limit).getResultList();
    }

    /** The number of the last change, 0 when nothing was ever published. */
    public long lastChange() {
        Long last = em.createQuery("select max(c.seq) from Change c", Long.class).getSingleResult();
        return last == null ? 0 : last;
    }
}
