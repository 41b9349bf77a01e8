package fr.essaim.sheet;

import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;

import fr.essaim.config.Transactions;
import fr.essaim.markdown.InvalidSourceException;
import fr.essaim.markdown.MarkdownRenderer;
import fr.essaim.markdown.SheetSource;

/**
 * Sheets and their revisions: the one place where they are written. Every write use case is one
 * transaction ({@link #write}, see {@link Transactions}) holding everything it reads to decide,
 * and every outcome — saved, refused, conflicting — is a {@link SaveResult}.
 */
@ApplicationScoped
public class SheetService {

    private static final Logger LOG = Logger.getLogger(SheetService.class.getName());

    private EntityManager em;
    private Transactions transactions;
    private ReferenceData references;
    private SheetParser parser;
    private Clock clock;

    /** Told after each commit that wrote to the change log; absent outside the container. */
    @Inject
    Event<SheetChanged> changes;

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

    /** When each published sheet's published revision was written, by slug in slug order: no text is read. */
    public Map<String, java.time.OffsetDateTime> publishedDates() {
        Map<String, java.time.OffsetDateTime> dates = new java.util.LinkedHashMap<>();
        for (Object[] row : em.createQuery("select s.slug, r.createdAt from Sheet s join s.publishedRevision r "
                        + "where s.state = :state order by s.slug", Object[].class)
                .setParameter("state", SheetState.PUBLISHED).getResultList()) {
            dates.put((String) row[0], (java.time.OffsetDateTime) row[1]);
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
    public Map<String, List<Revision>> revisionsOf(java.util.Collection<String> slugs) {
        if (slugs.isEmpty()) {
            return Map.of();
        }
        Map<String, List<Revision>> revisions = new java.util.LinkedHashMap<>();
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

    /** Published sheets whose text links to this slug, its title, or one of its old names. */
    public List<Revision> backlinks(String slug) {
        java.util.Set<String> names = new java.util.HashSet<>(find(slug).map(Sheet::getAliases).orElse(java.util.Set.of()));
        names.add(slug);
        find(slug).ifPresent(s -> names.add(s.getTitleKey()));
        return batched(em.createQuery("select distinct r from Revision r join r.sheet s join r.links l "
                        + "where s.publishedRevision = r and l in :names and s.state = :state and s.slug <> :slug "
                        + "order by r.title", Revision.class))
                .setParameter("names", names).setParameter("slug", slug)
                .setParameter("state", SheetState.PUBLISHED).getResultList();
    }

    /** The Markdown body rendered as a saved revision would be, for the editor's live preview. */
    public String preview(String body) {
        return fr.essaim.markdown.HeadingAnchors.moveToHeadings(parser.renderBody(body, this::resolveWikiTarget));
    }

    /**
     * A revision's HTML with its wiki links as they stand now: links are stored as written, so a
     * sheet created, renamed or given an old name later fixes them; a link to a missing sheet is a
     * red link to the new-sheet form with that title.
     */
    public String linkedHtml(Revision revision) {
        org.jsoup.nodes.Document html = org.jsoup.Jsoup.parseBodyFragment(revision.getHtml());
        org.jsoup.select.Elements links = html.select("a.wikilink[href^=/fiches/]");
        if (links.isEmpty()) {
            return revision.getHtml();
        }
        WikiTargets published = new WikiTargets(new StoredNames(true));
        for (org.jsoup.nodes.Element link : links) {
            String href = link.attr("href").substring("/fiches/".length());
            int anchor = href.indexOf('#');
            String target = java.net.URLDecoder.decode(anchor < 0 ? href : href.substring(0, anchor),
                    java.nio.charset.StandardCharsets.UTF_8);
            Optional<String> slug = published.find(target);
            if (slug.isPresent()) {
                link.attr("href", "/fiches/" + slug.get() + (anchor < 0 ? "" : href.substring(anchor)));
            } else {
                link.addClass("absente");
                link.attr("title", "Cette fiche n'existe pas encore : créez-la");
                link.attr("href", "/fiches/nouvelle?titre=" + java.net.URLEncoder.encode(link.text(),
                        java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return html.body().html();
    }

    /** The current slug of a sheet known under an old name (e.g. a WikiName). */
    public Optional<String> resolveAlias(String name) {
        return em.createQuery("select s.slug from Sheet s join s.aliases a where a = :name", String.class)
                .setParameter("name", name).getResultStream().findFirst();
    }

    /** A wiki link target — slug, title or old name — as the slug it designates (see {@link WikiTargets}). */
    public String resolveWikiTarget(String target) {
        return new WikiTargets(new StoredNames(false)).apply(target);
    }

    /** The names of the stored sheets, of the published ones only if {@code published}; each lookup is one indexed query. */
    private final class StoredNames implements WikiTargets.Names {

        private final boolean published;

        StoredNames(boolean published) {
            this.published = published;
        }

        @Override
        public boolean isSlug(String slug) {
            return first("select s.slug from Sheet s where s.slug = :name", slug).isPresent();
        }

        @Override
        public Optional<String> slugOfTitle(String titleKey) {
            return first("select s.slug from Sheet s where s.titleKey = :name", titleKey);
        }

        @Override
        public Optional<String> slugOfAlias(String alias) {
            return first("select s.slug from Sheet s join s.aliases a where a = :name", alias);
        }

        private Optional<String> first(String query, String name) {
            String jpql = query + (published ? " and s.state = :state" : "") + " order by s.id";
            jakarta.persistence.TypedQuery<String> typed = em.createQuery(jpql, String.class).setParameter("name", name);
            if (published) {
                typed.setParameter("state", SheetState.PUBLISHED);
            }
            return typed.setMaxResults(1).getResultStream().findFirst();
        }
    }

    // ----- writing and workflow

    /** Creates a sheet whose slug comes from its title; its first revision is a draft. */
    public SaveResult create(String source, String author, String comment) {
        return create(source, new Actor(author, java.util.Set.of(Actor.CONTRIBUTOR)), comment);
    }

    /** Creates a sheet whose slug comes from its title; its first revision is a draft of the actor's. */
    public SaveResult create(String source, Actor actor, String comment) {
        if (!actor.isContributor()) {
            return forbidden(actor, "proposer une fiche");
        }
        return ifValid(source, parsed -> {
            SaveResult result = createOnce(parsed, actor, comment);
            // Two sheets of the same title created at the same moment chose the same free slug: the
            // later one tries again and takes the next one; a name really taken is refused again, with its reason.
            for (int attempt = 1; attempt < CREATE_ATTEMPTS && isNameClash(result); attempt++) {
                result = createOnce(parsed, actor, comment);
            }
            return result;
        });
    }

    private static final int CREATE_ATTEMPTS = 3;

    private SaveResult createOnce(ParsedSheet parsed, Actor actor, String comment) {
        return write(Slugs.slugify(parsed.title()), () -> {
            List<FieldError> taken = aliasErrors(null, parsed.aliases());
            if (!taken.isEmpty()) {
                return new SaveResult.Invalid(taken);
            }
            String slug = Slugs.unique(parsed.title(), this::isNameTaken);
            Sheet sheet = insertSheet(slug, parsed, now());
            Revision revision = appendRevision(sheet, parsed, actor.name(), now(), comment);
            recordTransition(sheet, revision, null, ReviewState.DRAFT, actor, comment);
            em.flush();
            return new SaveResult.Saved(slug, revision.getNumber());
        });
    }

    private static boolean isNameClash(SaveResult result) {
        return result instanceof SaveResult.Invalid invalid && invalid.errors().size() == 1
                && invalid.errors().get(0).field().equals("slug");
    }

    /**
     * Appends revision n+1 to a sheet, written from revision {@code baseRevision}. If another
     * revision was saved since, nothing is stored and the answer is a conflict.
     */
    public SaveResult save(String slug, int baseRevision, String source, String author, String comment) {
        return save(slug, baseRevision, source, new Actor(author, java.util.Set.of(Actor.CONTRIBUTOR)), comment);
    }

    /**
     * Appends revision n+1, a draft, written from revision {@code baseRevision}; a draft still open
     * is replaced by it. On a stale base nothing is stored and the answer is a conflict.
     */
    public SaveResult save(String slug, int baseRevision, String source, Actor actor, String comment) {
        if (!actor.isContributor()) {
            return forbidden(actor, "modifier une fiche");
        }
        return ifValid(source, parsed -> writeOnSheet(slug, sheet -> saveOn(sheet, baseRevision, parsed, actor, comment)));
    }

    /** Appends the parsed text as a new draft of the sheet, in the caller's transaction. */
    private SaveResult saveOn(Sheet sheet, int baseRevision, ParsedSheet parsed, Actor actor, String comment) {
        List<FieldError> taken = aliasErrors(sheet.getSlug(), parsed.aliases());
        if (!taken.isEmpty()) {
            return new SaveResult.Invalid(taken);
        }
        if (sheet.getLatestRevision() != baseRevision) {
            throw new StaleRevisionException();
        }
        Revision replaced = sheet.getPendingRevision();
        if (replaced != null && replaced.getReviewState().isOpen()) {
            replaced.setReviewState(ReviewState.SUPERSEDED);
        }
        Revision revision = appendRevision(sheet, parsed, actor.name(), now(), comment);
        recordTransition(sheet, revision, null, ReviewState.DRAFT, actor, comment);
        em.flush();
        return new SaveResult.Saved(sheet.getSlug(), revision.getNumber());
    }

    /** The author (or an editor) proposes the open draft for review. */
    public SaveResult submit(String slug, Actor actor, String comment) {
        return writeOnSheet(slug, sheet -> {
            Revision pending = sheet.getPendingRevision();
            if (pending == null || pending.getReviewState() != ReviewState.DRAFT) {
                return new SaveResult.Refused("La fiche « " + slug + " » n'a pas de brouillon à soumettre.");
            }
            if (!actor.isEditor() && !actor.name().equals(pending.getAuthor())) {
                return forbidden(actor, "soumettre le brouillon d'un autre auteur");
            }
            transition(sheet, pending, ReviewState.SUBMITTED, actor, comment);
            return new SaveResult.Saved(slug, pending.getNumber());
        });
    }

    /**
     * An editor publishes the open proposal (their own included), or publishes again a withdrawn
     * sheet; the search index follows through the change log.
     */
    public SaveResult publish(String slug, Actor actor, String comment) {
        if (!actor.isEditor()) {
            return forbidden(actor, "publier");
        }
        return writeOnSheet(slug, sheet -> {
            Revision pending = sheet.getPendingRevision();
            Revision target = pending != null && pending.getReviewState().isOpen() ? pending
                    : sheet.getState() == SheetState.UNPUBLISHED ? sheet.getPublishedRevision() : null;
            if (target == null) {
                return new SaveResult.Refused("La fiche « " + slug + " » n'a aucune révision en attente de publication.");
            }
            List<FieldError> taken = aliasErrors(slug, aliasesOf(target));
            if (!taken.isEmpty()) {
                return new SaveResult.Invalid(taken);
            }
            publishRevision(sheet, target, actor, comment);
            em.flush();
            return new SaveResult.Saved(slug, target.getNumber());
        });
    }

    /** Publishes one revision of a sheet: readers see it from now on. */
    public SaveResult publish(String slug, int number) {
        return write(slug, () -> {
            Optional<Revision> revision = findRevision(slug, number);
            if (revision.isEmpty()) {
                return new SaveResult.NotFound(slug);
            }
            publishRevision(revision.get().getSheet(), revision.get(), null, null);
            em.flush();
            return new SaveResult.Saved(slug, number);
        });
    }

    /** An editor refuses the open proposal, saying why; the published revision, if any, stays. */
    public SaveResult reject(String slug, Actor actor, String comment) {
        if (!actor.isEditor()) {
            return forbidden(actor, "refuser une proposition");
        }
        if (comment == null || comment.isBlank()) {
            return new SaveResult.Invalid(List.of(new FieldError("comment",
                    "Expliquez le refus à l'auteur : le commentaire est obligatoire.")));
        }
        return writeOnSheet(slug, sheet -> {
            Revision pending = sheet.getPendingRevision();
            if (pending == null || !pending.getReviewState().isOpen()) {
                return new SaveResult.Refused("La fiche « " + slug + " » n'a aucune proposition à refuser.");
            }
            transition(sheet, pending, ReviewState.REJECTED, actor, comment);
            sheet.closePending();
            return new SaveResult.Saved(slug, pending.getNumber());
        });
    }

    /** An editor withdraws a published sheet from readers, search and feeds. */
    public SaveResult unpublish(String slug, Actor actor, String comment) {
        if (!actor.isEditor()) {
            return forbidden(actor, "retirer une fiche");
        }
        return writeOnSheet(slug, sheet -> {
            if (sheet.getState() != SheetState.PUBLISHED) {
                return new SaveResult.Refused("La fiche « " + slug + " » n'est pas publiée.");
            }
            Revision published = sheet.getPublishedRevision();
            transition(sheet, published, ReviewState.WITHDRAWN, actor, comment);
            sheet.unpublish(now());
            recordChange(slug);
            em.flush();
            return new SaveResult.Saved(slug, published.getNumber());
        });
    }

    /** Restoring is never destructive: the old text becomes a new draft on top of the history. */
    public SaveResult restore(String slug, int number, Actor actor, String comment) {
        if (!actor.isContributor()) {
            return forbidden(actor, "modifier une fiche");
        }
        String why = comment == null || comment.isBlank() ? "Restauration de la révision " + number : comment;
        return writeOnSheet(slug, sheet -> {
            Optional<Revision> old = findRevision(slug, number).filter(actor::canSee);
            if (old.isEmpty()) {
                return new SaveResult.NotFound(slug);
            }
            return ifValid(old.get().getSource(), parsed -> saveOn(sheet, sheet.getLatestRevision(), parsed, actor, why));
        });
    }

    /** Proposals waiting for an editor, oldest first. */
    public List<Revision> reviewQueue() {
        return em.createQuery("select r from Sheet s join s.pendingRevision r where r.reviewState = :state "
                        + "order by r.createdAt", Revision.class)
                .setParameter("state", ReviewState.SUBMITTED).getResultList();
    }

    /** The open or refused revisions of one author, newest first. */
    public List<Revision> proposalsOf(String author) {
        return em.createQuery("select r from Revision r where r.author = :author and r.reviewState in :states "
                        + "order by r.createdAt desc", Revision.class)
                .setParameter("author", author)
                .setParameter("states", List.of(ReviewState.DRAFT, ReviewState.SUBMITTED, ReviewState.REJECTED))
                .getResultList();
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

    private void publishRevision(Sheet sheet, Revision target, Actor actor, String comment) {
        Revision previous = sheet.getPublishedRevision();
        if (previous != null && previous != target && previous.getReviewState() == ReviewState.PUBLISHED) {
            previous.setReviewState(ReviewState.ARCHIVED);
        }
        if (actor != null) {
            transition(sheet, target, ReviewState.PUBLISHED, actor, comment);
        } else {
            target.setReviewState(ReviewState.PUBLISHED);
        }
        String formerTitle = previous == null ? null : previous.getTitle();
        sheet.publish(target, now());
        sheet.addAliases(aliasesOf(target));
        keepFormerTitle(sheet, formerTitle);
        recordChange(sheet.getSlug());
    }

    /**
     * A published sheet that changes its title keeps the former one as an old name, so that links
     * to it, written before or after the change, still reach the sheet — unless that name belongs
     * to another sheet.
     */
    private void keepFormerTitle(Sheet sheet, String formerTitle) {
        if (formerTitle == null) {
            return;
        }
        String former = WikiTargets.titleKey(formerTitle);
        if (former.equals(sheet.getTitleKey()) || former.equals(sheet.getSlug()) || sheet.getAliases().contains(former)) {
            return;
        }
        if (!isNameTaken(former)) {
            sheet.addAliases(java.util.Set.of(former));
        }
    }

    /** True if a sheet has this slug or this old name. */
    private boolean isNameTaken(String name) {
        return find(name).isPresent() || resolveAlias(name).isPresent();
    }

    private void transition(Sheet sheet, Revision revision, ReviewState to, Actor actor, String comment) {
        ReviewState from = revision.getReviewState();
        revision.setReviewState(to);
        recordTransition(sheet, revision, from, to, actor, comment);
    }

    private void recordTransition(Sheet sheet, Revision revision, ReviewState from, ReviewState to, Actor actor,
            String comment) {
        em.persist(new WorkflowEvent(sheet, revision.getNumber(), from, to, actor.name(), now(),
                comment == null || comment.isBlank() ? null : comment.strip()));
    }

    private static SaveResult forbidden(Actor actor, String what) {
        return new SaveResult.Forbidden("Le compte « " + actor.name() + " » n'a pas le droit de " + what + ".");
    }

    /**
     * Old names must designate one sheet only: an alias already used by another sheet, or equal
     * to another sheet's slug, is refused with its owner's name.
     */
    List<FieldError> aliasErrors(String slug, java.util.Collection<String> aliases) {
        List<FieldError> errors = new java.util.ArrayList<>();
        for (String alias : aliases) {
            Optional<String> owner = resolveAlias(alias).filter(other -> !other.equals(slug))
                    .or(() -> find(alias).map(Sheet::getSlug).filter(other -> !other.equals(slug)));
            owner.ifPresent(other -> errors.add(new FieldError("aliases",
                    "l'ancien nom « " + alias + " » désigne déjà la fiche « " + other + " »")));
        }
        return errors;
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
                // A corpus's history was reviewed where it came from: before the published text is archive, after it waits.
                revision.setReviewState(published != null && revision.getNumber() < published ? ReviewState.ARCHIVED
                        : ReviewState.SUBMITTED);
                if (published != null && revision.getNumber() == published) {
                    toPublish = revision;
                    sheet.addAliases(parsed.get(i).aliases());
                }
            }
            if (toPublish != null) {
                toPublish.setReviewState(ReviewState.PUBLISHED);
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
            Revision previous = sheet.getPublishedRevision();
            if (previous != null && previous.getReviewState() == ReviewState.PUBLISHED) {
                previous.setReviewState(ReviewState.ARCHIVED);
            }
            appended.setReviewState(ReviewState.PUBLISHED);
            String formerTitle = previous == null ? null : previous.getTitle();
            sheet.publish(appended, appended.getCreatedAt());
            sheet.addAliases(parsed.aliases());
            keepFormerTitle(sheet, formerTitle);
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
        if (changes != null) {
            changes.fire(new SheetChanged(slug));
        }
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
        return parser.parse(source, references, new WikiTargets(new StoredNames(false)));
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
            if (isUniqueViolation(e)) {
                LOG.fine(() -> "Nom déjà pris pour " + slug + " : " + e);
                return new SaveResult.Invalid(List.of(new FieldError("slug", "l'identifiant « " + slug
                        + " » ou l'un des anciens noms de la fiche est déjà pris par une autre fiche")));
            }
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

    /** True when a write lost a race: a stale base revision, a version check, or a revision number taken. */
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

    /** True when a slug or an alias is already taken: a name clash, not a race on the text. */
    static boolean isUniqueViolation(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                String message = String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT);
                return message.contains("sheet_slug_unique") || message.contains("sheet_alias");
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
