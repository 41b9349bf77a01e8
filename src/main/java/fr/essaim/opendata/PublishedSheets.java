package fr.essaim.opendata;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import fr.essaim.sheet.SheetState;

/** Published sheets as rows of the open-data documents, a page at a time. */
@ApplicationScoped
public class PublishedSheets {

    static final int PAGE = 500;

    private static final String ROW = "select new fr.essaim.opendata.SheetRow(s.id, s.slug, r.kind, r.title, r.summary, "
            + "r.fieldsJson, r.source, r.number, r.comment, r.createdAt) from Sheet s join s.publishedRevision r "
            + "where s.state = :state ";

    @Inject
    EntityManager em;

    /** The published ones of these sheets, in the order given. */
    public List<SheetRow> rows(Collection<String> slugs) {
        if (slugs.isEmpty()) {
            return List.of();
        }
        Map<String, SheetRow> found = em.createQuery(ROW + "and s.slug in :slugs", SheetRow.class)
                .setParameter("state", SheetState.PUBLISHED).setParameter("slugs", slugs).getResultStream()
                .collect(Collectors.toMap(SheetRow::slug, Function.identity()));
        return slugs.stream().map(found::get).filter(Objects::nonNull).toList();
    }

    /** Published sheets after this id, in id order: a page of a walk that holds one page at a time. */
    public List<SheetRow> after(long id) {
        return em.createQuery(ROW + "and s.id > :after order by s.id", SheetRow.class)
                .setParameter("state", SheetState.PUBLISHED).setParameter("after", id).setMaxResults(PAGE).getResultList();
    }

    /** When published content last changed, and the change's number: what the dumps are validated against. */
    public record Version(long sequence, OffsetDateTime at) {
    }

    public Version version() {
        Object[] last = em.createQuery("select max(c.seq), max(c.createdAt) from Change c", Object[].class).getSingleResult();
        return new Version(last[0] == null ? 0 : ((Number) last[0]).longValue(),
                last[1] == null ? OffsetDateTime.parse("2000-01-01T00:00:00Z") : (OffsetDateTime) last[1]);
    }
}
