package fr.essaim.review;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import fr.essaim.sheet.Revision;

/**
 * The latest real edits, one line per sheet: the first revision the corpus import wrote is not an
 * edit, so a fresh installation shows none rather than the import's date on every sheet.
 */
@ApplicationScoped
public class RecentEdits {

    /** The comment of the revisions the first-start import writes. */
    static final String CORPUS_IMPORT = "Import du corpus";

    private EntityManager em;

    protected RecentEdits() {
        // for the container's proxy
    }

    @Inject
    public RecentEdits(EntityManager em) {
        this.em = em;
    }

    /** The latest edit of each of the {@code count} sheets edited last, newest first. */
    public List<Revision> latest(int count) {
        List<Revision> edits = em.createQuery("select r from Revision r join fetch r.sheet where (r.number <> 1 "
                        + "or r.comment is null or r.comment <> :import) order by r.createdAt desc, r.id desc", Revision.class)
                .setParameter("import", CORPUS_IMPORT).setMaxResults(count * 5).getResultList();
        Set<Long> seen = new HashSet<>();
        List<Revision> latest = new ArrayList<>();
        for (Revision edit : edits) {
            if (latest.size() < count && seen.add(edit.getSheet().getId())) {
                latest.add(edit);
            }
        }
        return latest;
    }
}
