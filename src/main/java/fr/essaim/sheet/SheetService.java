package fr.essaim.sheet;

import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;

import fr.essaim.config.Transactions;
import fr.essaim.markdown.InvalidSourceException;
import fr.essaim.markdown.MarkdownRenderer;
import fr.essaim.markdown.SheetSource;

/**
 * Sheets and their revisions: the one place where they are written. Every write is one
 * transaction, and every outcome — saved, refused, conflicting — is a {@link SaveResult}.
 */
@ApplicationScoped
public class SheetService {

    private static final Logger LOG = Logger.getLogger(SheetService.class.getName());

    private EntityManager em;
    private Transactions transactions;
    private ReferenceData references;
    private SheetParser parser;
    private Clock clock;

    protected SheetService() {
        // for the container's proxy
    }

    @Inject
    public SheetService(EntityManager em, Transactions transactions, ReferenceData references) {
        this(em, transactions, references, new SheetParser(SheetSchema.fromClasspath(), new MarkdownRenderer()),
                Clock.systemUTC());
    }

    public SheetService(EntityManager em, Transactions transactions, ReferenceData references, SheetParser parser,
            Clock clock) {
        this.em = em;
        this.transactions = transactions;
        this.references = references;
        this.parser = parser;
        this.clock = clock;
    }

    public SheetSchema schema() {
        return parser.schema();
    }

    // ----- reading

    public Optional<Sheet> find(String slug) {
        return em.createQuery("select s from Sheet s where s.slug = :slug", Sheet.class)
                .setParameter("slug", slug).getResultStream().findFirst();
    }

    /** The published revision of a sheet, if the sheet exists and is published. */
    public Optional<Revision> findPublished(String slug) {
        return em.createQuery("select r from Sheet s join s.publishedRevision r where s.slug = :slug and s.state = :state",
                        Revision.class)
                .setParameter("slug", slug).setParameter("state", SheetState.PUBLISHED)
                .getResultStream().findFirst();
    }

    public Optional<Revision> findRevision(String slug, int number) {
        return em.createQuery("select r from Revision r where r.sheet.slug = :slug and r.number = :number", Revision.class)
                .setParameter("slug", slug).setParameter("number", number)
                .getResultStream().findFirst();
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
    private static jakarta.persistence.TypedQuery<Revision> batched(jakarta.persistence.TypedQuery<Revision> query) {
        return query.setHint("eclipselink.batch.type", "IN")
                .setHint("eclipselink.batch", "r.sheet")
                .setHint("eclipselink.batch", "r.links")
                .setHint("eclipselink.batch", "r.sheet.aliases");
    }

    /** Published sheets in title order. */
    public List<Revision> listPublished() {
        return batched(em.createQuery("select r from Revision r join r.sheet s where s.publishedRevision = r and s.state = :state order by s.title",
                        Revision.class))
                .setParameter("state", SheetState.PUBLISHED).getResultList();
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
    public List<PublishedText> publishedTexts(java.util.Collection<String> slugs) {
        if (slugs.isEmpty()) {
            return List.of();
        }
        return em.createQuery(PUBLISHED_TEXT + "and s.slug in :slugs", PublishedText.class)
                .setParameter("state", SheetState.PUBLISHED).setParameter("slugs", slugs).getResultList();
    }

    /** Every sheet, published or not, in slug order. */
    public List<Sheet> allSheets() {
        return em.createQuery("select s from Sheet s order by s.slug", Sheet.class).getResultList();
    }

    public long countSheets() {
        return em.createQuery("select count(s) from Sheet s", Long.class).getSingleResult();
    }

    /** Which of these slugs are published sheets. */
    public java.util.Set<String> publishedAmong(java.util.Collection<String> slugs) {
        if (slugs.isEmpty()) {
            return java.util.Set.of();
        }
        return java.util.Set.copyOf(em.createQuery("select s.slug from Sheet s where s.slug in :slugs and s.state = :state",
                        String.class)
                .setParameter("slugs", slugs).setParameter("state", SheetState.PUBLISHED).getResultList());
    }

    /** Published sheets whose text links to this slug. */
    public List<Revision> backlinks(String slug) {
        return batched(em.createQuery("select distinct r from Revision r join r.sheet s join r.links l "
                        + "where s.publishedRevision = r and l = :slug and s.state = :state order by r.title", Revision.class))
                .setParameter("slug", slug).setParameter("state", SheetState.PUBLISHED).getResultList();
    }

    /** The current slug of a sheet known under an old name (e.g. a WikiName). */
    public Optional<String> resolveAlias(String name) {
        return em.createQuery("select s.slug from Sheet s join s.aliases a where a = :name", String.class)
                .setParameter("name", name).getResultStream().findFirst();
    }

    /** A wiki link target — slug, old name or title — as the slug it designates. */
    public String resolveWikiTarget(String target) {
        if (Slugs.isValid(target) && find(target).isPresent()) {
            return target;
        }
        return resolveAlias(target)
                .or(() -> em.createQuery("select s.slug from Sheet s where lower(s.title) = :title", String.class)
                        .setParameter("title", target.toLowerCase(Locale.ROOT)).getResultStream().findFirst())
                .orElseGet(() -> Slugs.slugify(target));
    }

    // ----- writing

    /** Creates a sheet whose slug comes from its title; its first revision waits for review. */
    public SaveResult create(String source, String author, String comment) {
        return ifValid(source, parsed -> {
            String slug = Slugs.unique(parsed.title(), candidate -> find(candidate).isPresent());
            return write(slug, () -> {
                Sheet sheet = insertSheet(slug, parsed, now());
                Revision revision = appendRevision(sheet, parsed, author, now(), comment);
                em.flush();
                return new SaveResult.Saved(slug, revision.getNumber());
            });
        });
    }

    /**
     * Appends revision n+1 to a sheet, written from revision {@code baseRevision}. If another
     * revision was saved since, nothing is stored and the answer is a conflict.
     */
    public SaveResult save(String slug, int baseRevision, String source, String author, String comment) {
        return ifValid(source, parsed -> writeOnSheet(slug, sheet -> {
            if (sheet.getLatestRevision() != baseRevision) {
                throw new StaleRevisionException();
            }
            Revision revision = appendRevision(sheet, parsed, author, now(), comment);
            em.flush();
            return new SaveResult.Saved(slug, revision.getNumber());
        }));
    }

    /** Publishes one revision of a sheet: readers see it from now on. */
    public SaveResult publish(String slug, int number) {
        return write(slug, () -> {
            Optional<Revision> revision = findRevision(slug, number);
            if (revision.isEmpty()) {
                return new SaveResult.NotFound(slug);
            }
            Sheet sheet = revision.get().getSheet();
            sheet.publish(revision.get(), now());
            sheet.addAliases(aliasesOf(revision.get()));
            recordChange(slug);
            em.flush();
            return new SaveResult.Saved(slug, number);
        });
    }

    /**
     * Brings in a sheet from a corpus with its history as given; the revision numbered
     * {@code published} is published (none if null). A slug that already exists is a conflict.
     */
    public SaveResult importSheet(String slug, List<ImportedRevision> revisions, Integer published) {
        if (!Slugs.isValid(slug)) {
            return new SaveResult.Invalid(List.of(new FieldError("slug",
                    "« " + slug + " » n'est pas un identifiant de fiche (minuscules sans accents, chiffres et tirets)")));
        }
        if (revisions.isEmpty()) {
            return new SaveResult.Invalid(List.of(new FieldError("source", "aucune révision à importer")));
        }
        List<ParsedSheet> parsed = new java.util.ArrayList<>();
        for (ImportedRevision revision : revisions) {
            try {
                parsed.add(parse(revision.source()));
            } catch (InvalidSheetException e) {
                return new SaveResult.Invalid(e.errors());
            }
        }
        return write(slug, () -> {
            if (find(slug).isPresent()) {
                throw new StaleRevisionException();
            }
            Sheet sheet = insertSheet(slug, parsed.get(0), revisions.get(0).createdAt());
            Revision toPublish = null;
            for (int i = 0; i < revisions.size(); i++) {
                ImportedRevision meta = revisions.get(i);
                Revision revision = appendRevision(sheet, parsed.get(i), meta.author(), meta.createdAt(), meta.comment());
                if (published != null && revision.getNumber() == published) {
                    toPublish = revision;
                    sheet.addAliases(parsed.get(i).aliases());
                }
            }
            if (toPublish != null) {
                sheet.publish(toPublish, toPublish.getCreatedAt());
                recordChange(slug);
            }
            em.flush();
            return new SaveResult.Saved(slug, sheet.getLatestRevision());
        });
    }

    /** Brings in a sheet with a single published revision. */
    public SaveResult importSheet(String slug, List<ImportedRevision> revisions) {
        return importSheet(slug, revisions, revisions.isEmpty() ? null : revisions.size());
    }

    /** A new text for an existing sheet, from an import: appended and published at once. */
    public SaveResult importUpdate(String slug, ImportedRevision revision) {
        return ifValid(revision.source(), parsed -> writeOnSheet(slug, sheet -> {
            Revision appended = appendRevision(sheet, parsed, revision.author(), revision.createdAt(), revision.comment());
            sheet.publish(appended, appended.getCreatedAt());
            sheet.addAliases(parsed.aliases());
            recordChange(slug);
            em.flush();
            return new SaveResult.Saved(slug, appended.getNumber());
        }));
    }

    /** Parses the source and goes on with it, or answers with the schema's refusal. */
    private SaveResult ifValid(String source, java.util.function.Function<ParsedSheet, SaveResult> then) {
        try {
            return then.apply(parse(source));
        } catch (InvalidSheetException e) {
            return new SaveResult.Invalid(e.errors());
        }
    }

    /** A write on an existing sheet, in its own transaction; an unknown slug is answered as such. */
    private SaveResult writeOnSheet(String slug, java.util.function.Function<Sheet, SaveResult> work) {
        return write(slug, () -> find(slug).map(work).orElseGet(() -> new SaveResult.NotFound(slug)));
    }

    /** A revision to import: its source and the facts of its history. */
    public record ImportedRevision(String source, String author, OffsetDateTime createdAt, String comment) {
    }

    /**
     * Appends to the change log, in the caller's transaction. Taking the next number locks the
     * counter row until commit, so numbers are handed out in commit order.
     */
    private void recordChange(String slug) {
        em.createNativeQuery("update change_counter set last_seq = last_seq + 1 where id = 1").executeUpdate();
        long seq = ((Number) em.createNativeQuery("select last_seq from change_counter where id = 1").getSingleResult()).longValue();
        em.persist(new Change(seq, slug, now()));
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

    private ParsedSheet parse(String source) throws InvalidSheetException {
        return parser.parse(source, references, this::resolveWikiTarget);
    }

    private Sheet insertSheet(String slug, ParsedSheet parsed, OffsetDateTime at) {
        Sheet sheet = new Sheet(slug, parsed.kind(), parsed.title(), at);
        em.persist(sheet);
        // The sheet row must exist before its first revision points to it.
        em.flush();
        return sheet;
    }

    private Revision appendRevision(Sheet sheet, ParsedSheet parsed, String author, OffsetDateTime at, String comment) {
        Revision revision = new Revision(sheet, sheet.getLatestRevision() + 1, parsed, author, at, comment);
        em.persist(revision);
        em.flush();
        sheet.propose(revision);
        return revision;
    }

    /** A stored revision was valid when saved: only its front matter is read again, nothing rendered. */
    private java.util.Set<String> aliasesOf(Revision revision) {
        try {
            return SheetParser.aliases(SheetSource.parse(revision.getSource()).frontMatter());
        } catch (InvalidSourceException e) {
            return java.util.Set.of();
        }
    }

    private SaveResult write(String slug, Supplier<SaveResult> work) {
        try {
            return transactions.inNewTransaction(work);
        } catch (RuntimeException e) {
            if (isConflict(e)) {
                int current = find(slug).map(Sheet::getLatestRevision).orElse(0);
                LOG.fine(() -> "Écriture concurrente refusée sur " + slug + " : " + e);
                return new SaveResult.Conflict(slug, current, "La fiche « " + slug
                        + " » a été modifiée entre-temps (révision " + current
                        + ") : votre texte n'a pas été enregistré, reprenez-le sur la dernière révision.");
            }
            throw e;
        }
    }

    /** True when a write lost a race: a stale base revision, a version check, or a unique key. */
    static boolean isConflict(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof StaleRevisionException || e instanceof OptimisticLockException
                    || "OptimisticLockException".equals(e.getClass().getSimpleName())) {
                return true;
            }
            if (e instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    /** Thrown inside a write to roll it back when the author's base revision is no longer the latest. */
    static final class StaleRevisionException extends RuntimeException {
        StaleRevisionException() {
            super("stale base revision", null, false, false);
        }
    }
}
