package fr.essaim.essaimage;

import static fr.essaim.shared.JsonFields.strings;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;

import fr.essaim.shared.JsonFields;
import fr.essaim.sheet.SheetSchema;
import fr.essaim.sheet.SheetState;

/**
 * Every take-up link between published sheets, both ways, held in memory as a wiki's reference
 * manager holds its links, and brought up to date from the change log before each answer: a
 * publication or a withdrawal on any node reaches every node, and a sheet withdrawn stops counting
 * at once. Targets are stored by slug (see {@code SheetParser}), so a sheet renamed keeps its
 * reproductions.
 */
@ApplicationScoped
public class TakeUps {

    /** Only the revisions that declare take-ups are read: the others cannot hold any. */
    private static final String DECLARES = "%\"" + SheetSchema.INSPIRED_BY + "\"%";
    private static final String PUBLISHED = "select s.slug, s.title, r.fieldsJson from Sheet s join s.publishedRevision r "
            + "where s.state = :state and r.fieldsJson like :declares";
    private static final int PAGE = 1_000;

    /** A published sheet that says it took up others: where it happened, and which ones. */
    public record TakeUp(String slug, String title, List<String> territories, List<String> targets) {
    }

    /** A sheet by its slug and title. */
    public record Named(String slug, String title) {
    }

    private EntityManager em;
    private final Map<String, TakeUp> bySource = new HashMap<>();
    private final Map<String, Set<String>> byTarget = new HashMap<>();
    /** The last change applied; -1 before the first reading. */
    private long applied = -1;

    protected TakeUps() {
        // for the container's proxy
    }

    @Inject
    public TakeUps(EntityManager em) {
        this.em = em;
    }

    /** The published sheets that took this one up, by title. */
    public synchronized List<TakeUp> reproductions(String slug) {
        refresh();
        return byTarget.getOrDefault(slug, Set.of()).stream().map(bySource::get)
                .sorted(Comparator.comparing(TakeUp::title, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    /** The published sheets this sheet says it took up, in its order; nothing when it is not published. */
    public List<Named> inspirations(String slug) {
        TakeUp source;
        synchronized (this) {
            refresh();
            source = bySource.get(slug);
        }
        if (source == null || source.targets().isEmpty()) {
            return List.of();
        }
        Map<String, String> titles = new HashMap<>();
        for (Object[] row : em.createQuery("select s.slug, s.title from Sheet s where s.slug in :slugs and s.state = :state",
                        Object[].class)
                .setParameter("slugs", source.targets()).setParameter("state", SheetState.PUBLISHED).getResultList()) {
            titles.put((String) row[0], (String) row[1]);
        }
        return source.targets().stream().filter(titles::containsKey).map(t -> new Named(t, titles.get(t))).toList();
    }

    /** How many published sheets took up each sheet that was taken up. */
    public synchronized Map<String, Integer> counts() {
        refresh();
        Map<String, Integer> counts = new LinkedHashMap<>();
        byTarget.forEach((target, sources) -> counts.put(target, sources.size()));
        return counts;
    }

    private void refresh() {
        Long last = em.createQuery("select max(c.seq) from Change c", Long.class).getSingleResult();
        long upTo = last == null ? 0 : last;
        if (upTo == applied) {
            return;
        }
        if (applied < 0) {
            // Read after the number: what is published meanwhile comes again with the next changes, harmlessly.
            em.createQuery(PUBLISHED, Object[].class).setParameter("state", SheetState.PUBLISHED)
                    .setParameter("declares", DECLARES).getResultList().forEach(this::add);
            applied = upTo;
            return;
        }
        while (applied < upTo) {
            List<Object[]> changes = em.createQuery("select c.seq, c.slug from Change c where c.seq > :seq order by c.seq",
                            Object[].class)
                    .setParameter("seq", applied).setMaxResults(PAGE).getResultList();
            if (changes.isEmpty()) {
                break;
            }
            Set<String> slugs = new LinkedHashSet<>();
            changes.forEach(change -> slugs.add((String) change[1]));
            slugs.forEach(this::remove);
            em.createQuery(PUBLISHED + " and s.slug in :slugs", Object[].class).setParameter("state", SheetState.PUBLISHED)
                    .setParameter("declares", DECLARES).setParameter("slugs", slugs).getResultList().forEach(this::add);
            applied = ((Number) changes.get(changes.size() - 1)[0]).longValue();
        }
    }

    private void add(Object[] row) {
        JsonObject fields = JsonFields.parse((String) row[2]);
        List<String> targets = strings(fields.get(SheetSchema.INSPIRED_BY));
        if (targets.isEmpty()) {
            return;
        }
        String slug = (String) row[0];
        TakeUp takeUp = new TakeUp(slug, (String) row[1], strings(fields.get("territories")), targets);
        bySource.put(slug, takeUp);
        targets.stream().filter(target -> !target.equals(slug))
                .forEach(target -> byTarget.computeIfAbsent(target, t -> new LinkedHashSet<>()).add(slug));
    }

    private void remove(String slug) {
        TakeUp former = bySource.remove(slug);
        if (former == null) {
            return;
        }
        for (String target : former.targets()) {
            Set<String> sources = byTarget.get(target);
            if (sources != null) {
                sources.remove(slug);
                if (sources.isEmpty()) {
                    byTarget.remove(target);
                }
            }
        }
    }
}
