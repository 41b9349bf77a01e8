package fr.essaim.review;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import fr.essaim.sheet.ReviewState;
import fr.essaim.sheet.Revision;
import fr.essaim.sheet.SheetState;

/**
 * A person's own sheets, each at the latest revision they wrote, grouped by what they can do next:
 * go on with a draft, wait for (or amend) a proposal, correct a refused one, see a published one.
 */
@ApplicationScoped
public class MySheets {

    /** Where one of the person's sheets stands for them; the order of the page. */
    public enum Group {
        DRAFT, WAITING, REFUSED, PUBLISHED, OTHER
    }

    /**
     * One sheet: its slug, title and kind, the state of the person's latest revision, its number,
     * when they wrote it (their last real edit), and the editor's reason when it was refused.
     */
    public record Entry(String slug, String title, String kind, Group group, ReviewState state, int revision,
            OffsetDateTime editedAt, String reason, boolean sheetPublished) {
    }

    private EntityManager em;

    protected MySheets() {
        // for the container's proxy
    }

    @Inject
    public MySheets(EntityManager em) {
        this.em = em;
    }

    /** The sheets this person wrote a revision of, the most recently edited first. */
    public List<Entry> of(String author) {
        List<Revision> latest = em.createQuery("select r from Revision r join fetch r.sheet where r.author = :author "
                        + "and r.number = (select max(o.number) from Revision o where o.sheet = r.sheet and o.author = :author) "
                        + "order by r.createdAt desc, r.id desc", Revision.class)
                .setParameter("author", author).getResultList();
        Map<String, String> reasons = new HashMap<>();
        List<Object[]> refusals = em.createQuery("select e.sheet.slug, e.revisionNumber, e.comment from WorkflowEvent e, "
                        + "Revision r where r.sheet = e.sheet and r.number = e.revisionNumber and r.author = :author "
                        + "and e.to = :refused", Object[].class)
                .setParameter("author", author).setParameter("refused", ReviewState.REJECTED).getResultList();
        for (Object[] refusal : refusals) {
            reasons.put(refusal[0] + "#" + refusal[1], (String) refusal[2]);
        }
        return latest.stream().map(r -> new Entry(r.getSheet().getSlug(), r.getTitle(), r.getKind(), group(r.getReviewState()),
                r.getReviewState(), r.getNumber(), r.getCreatedAt(), reasons.get(r.getSheet().getSlug() + "#" + r.getNumber()),
                r.getSheet().getState() == SheetState.PUBLISHED)).toList();
    }

    static Group group(ReviewState state) {
        return switch (state) {
            case DRAFT -> Group.DRAFT;
            case SUBMITTED -> Group.WAITING;
            case REJECTED -> Group.REFUSED;
            case PUBLISHED, ARCHIVED -> Group.PUBLISHED;
            case SUPERSEDED, WITHDRAWN -> Group.OTHER;
        };
    }
}
