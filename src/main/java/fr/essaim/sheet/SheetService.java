package fr.essaim.sheet;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

/**
 * Reading sheets and their revisions: committed data, outside any transaction. Writing is the
 * workflow's ({@link SheetWorkflow}) and the imports' ({@link SheetImports}), through the
 * {@link SheetRepository}; wiki links are {@link WikiLinks}'s; the change log, {@link ChangeLog}'s.
 */
@ApplicationScoped
public class SheetService {

    private EntityManager em;
    private SheetRepository repository;
    private SheetSchema schema;

    protected SheetService() {
        // for the container's proxy
    }

    @Inject
    public SheetService(EntityManager em, SheetRepository repository) {
        this(em, repository, SheetSchema.fromClasspath());
    }

    public SheetService(EntityManager em, SheetRepository repository, SheetSchema schema) {
        this.em = em;
        this.repository = repository;
        this.schema = schema;
    }

    public SheetSchema schema() {
        return schema;
    }

    // ----- reading

    public Optional<Sheet> find(String slug) {
        return repository.find(slug);
    }

    /** The published revision of a sheet, if the sheet exists and is published. */
    public Optional<Revision> findPublished(String slug) {
        return em.createQuery("select r from Sheet s join s.publishedRevision r where s.slug = :slug and s.state = :state",
                        Revision.class)
                .setParameter("slug", slug).setParameter("state", SheetState.PUBLISHED)
                .getResultStream().findFirst();
    }

    public Optional<Revision> findRevision(String slug, int number) {
        return repository.findRevision(slug, number);
    }

    /** All revisions of a sheet, newest first. */
    public List<Revision> history(String slug) {
        return batched(em.createQuery("select r from Revision r where r.sheet.slug = :slug order by r.number desc",
                        Revision.class))
                .setParameter("slug", slug).getResultList();
    }

    /**
     * Reads the sheet, links and aliases of every revision a query returns in one query each
     * (batch fetching by IN), instead of three queries per revision.
     */
    private static TypedQuery<Revision> batched(TypedQuery<Revision> query) {
        return query.setHint("eclipselink.batch.type", "IN")
                .setHint("eclipselink.batch", "r.sheet")
                .setHint("eclipselink.batch", "r.links")
                .setHint("eclipselink.batch", "r.sheet.aliases");
    }

    private static final String PUBLISHED_TEXT = "select new fr.essaim.sheet.PublishedText(s.id, s.slug, r.kind, r.title, "
            + "r.summary, r.html, r.fieldsJson, s.updatedAt) from Sheet s join s.publishedRevision r where s.state = :state ";

    /** Published sheets after this id, in id order: pages of a walk through all of them that holds one page at a time. */
    public List<PublishedText> publishedTexts(long afterId, int limit) {
        return em.createQuery(PUBLISHED_TEXT + "and s.id > :after order by s.id", PublishedText.class)
                .setParameter("state", SheetState.PUBLISHED).setParameter("after", afterId)
                .setMaxResults(limit).getResultList();
    }

    /** The published texts of those of these sheets that are published, in one query. */
    public List<PublishedText> publishedTexts(Collection<String> slugs) {
        if (slugs.isEmpty()) {
            return List.of();
        }
        return em.createQuery(PUBLISHED_TEXT + "and s.slug in :slugs", PublishedText.class)
                .setParameter("state", SheetState.PUBLISHED).setParameter("slugs", slugs).getResultList();
    }

    /** When each published sheet's published revision was written, by slug in slug order: no text is read. */
    public Map<String, OffsetDateTime> publishedDates() {
        Map<String, OffsetDateTime> dates = new LinkedHashMap<>();
        for (Object[] row : em.createQuery("select s.slug, r.createdAt from Sheet s join s.publishedRevision r "
                        + "where s.state = :state order by s.slug", Object[].class)
                .setParameter("state", SheetState.PUBLISHED).getResultList()) {
            dates.put((String) row[0], (OffsetDateTime) row[1]);
        }
        return dates;
    }

    /** The sheets changed last, newest first. */
    public List<Sheet> latestChanged(int count) {
        return em.createQuery("select s from Sheet s order by s.updatedAt desc, s.slug", Sheet.class)
                .setMaxResults(count).getResultList();
    }

    /** Sheets after this slug, in slug order: a page of a walk through all of them. */
    public List<Sheet> sheetsAfter(String slug, int count) {
        return em.createQuery("select s from Sheet s where s.slug > :slug order by s.slug", Sheet.class)
                .setParameter("slug", slug).setMaxResults(count).getResultList();
    }

    /** Every revision of these sheets, oldest first, by slug: one query for a page of sheets. */
    public Map<String, List<Revision>> revisionsOf(Collection<String> slugs) {
        if (slugs.isEmpty()) {
            return Map.of();
        }
        Map<String, List<Revision>> revisions = new LinkedHashMap<>();
        for (Revision revision : batched(em.createQuery(
                "select r from Revision r where r.sheet.slug in :slugs order by r.sheet.slug, r.number", Revision.class))
                .setParameter("slugs", slugs).getResultList()) {
            revisions.computeIfAbsent(revision.getSheet().getSlug(), slug -> new ArrayList<>()).add(revision);
        }
        return revisions;
    }

    public long countPublished() {
        return em.createQuery("select count(s) from Sheet s where s.state = :state", Long.class)
                .setParameter("state", SheetState.PUBLISHED).getSingleResult();
    }

    /** Which of these slugs are published sheets. */
    public Set<String> publishedAmong(Collection<String> slugs) {
        if (slugs.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(em.createQuery("select s.slug from Sheet s where s.slug in :slugs and s.state = :state",
                        String.class)
                .setParameter("slugs", slugs).setParameter("state", SheetState.PUBLISHED).getResultList());
    }

    /** Published sheets whose text links to this slug, its title, or one of its old names. */
    public List<Revision> backlinks(String slug) {
        Set<String> names = new HashSet<>(find(slug).map(Sheet::getAliases).orElse(Set.of()));
        names.add(slug);
        find(slug).ifPresent(s -> names.add(s.getTitleKey()));
        return batched(em.createQuery("select distinct r from Revision r join r.sheet s join r.links l "
                        + "where s.publishedRevision = r and l in :names and s.state = :state and s.slug <> :slug "
                        + "order by r.title", Revision.class))
                .setParameter("names", names).setParameter("slug", slug)
                .setParameter("state", SheetState.PUBLISHED).getResultList();
    }

    /** Proposals waiting for an editor, oldest first. */
    public List<Revision> reviewQueue() {
        return em.createQuery("select r from Sheet s join s.pendingRevision r where r.reviewState = :state "
                        + "order by r.createdAt", Revision.class)
                .setParameter("state", ReviewState.SUBMITTED).getResultList();
    }

    /** Every workflow step of a sheet, oldest first. */
    public List<WorkflowEvent> transitions(String slug) {
        return em.createQuery("select e from WorkflowEvent e where e.sheet.slug = :slug order by e.createdAt, e.id",
                        WorkflowEvent.class)
                .setParameter("slug", slug).getResultList();
    }

    /** Sheets counted by kind and state, for the dashboard. */
    public List<Object[]> countByKindAndState() {
        return em.createQuery("select s.kind, s.state, count(s) from Sheet s group by s.kind, s.state "
                + "order by s.kind, s.state", Object[].class).getResultList();
    }

    /** The revisions of a sheet this actor (null for an anonymous reader) may read, newest first. */
    public List<Revision> visibleHistory(String slug, Actor actor) {
        Optional<Sheet> sheet = find(slug);
        if (sheet.isEmpty() || (actor == null || !actor.isContributor()) && sheet.get().getState() != SheetState.PUBLISHED) {
            return List.of();
        }
        return history(slug).stream().filter(r -> actor == null ? r.getReviewState().isPublic() : actor.canSee(r)).toList();
    }

    /** A revision this actor may read, if it exists. */
    public Optional<Revision> visibleRevision(String slug, int number, Actor actor) {
        return visibleHistory(slug, actor).stream().filter(r -> r.getNumber() == number).findFirst();
    }
}
