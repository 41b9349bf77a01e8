package fr.essaim.sheet;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * The change log as its readers see it: every change to what readers see, numbered in commit
 * order, that each node's search index tails. Entries are written by the {@link SheetRepository}.
 *
 * <p>Retention: entries older than a retention period are deleted ({@link #prune}); the numbering
 * goes on from the change counter, which is never pruned. A node whose index stopped before the
 * oldest entry kept ({@link #firstKept}) cannot catch up from the log: it rebuilds its index from
 * the sheets instead.
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

    /** The number of the last change, 0 when nothing was ever published; pruning leaves it alone. */
    public long lastChange() {
        return ((Number) em.createNativeQuery(JpaSheetRepository.LAST_CHANGE).getSingleResult()).longValue();
    }

    /**
     * The oldest change the log still holds; the next number when it holds none. An index that
     * applied every change up to n can catch up from the log if n &ge; firstKept - 1.
     */
    public long firstKept() {
        Long first = em.createQuery("select min(c.seq) from Change c", Long.class).getSingleResult();
        return first == null ? lastChange() + 1 : first;
    }

    /** Deletes the entries written before this time, in the caller's transaction; returns how many. */
    public int prune(OffsetDateTime before) {
        return em.createQuery("delete from Change c where c.createdAt < :before").setParameter("before", before)
                .executeUpdate();
    }
}
