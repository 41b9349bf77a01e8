package fr.essaim.sheet;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import fr.essaim.shared.Slugs;

/**
 * The editorial workflow: a contributor writes drafts and submits them, an editor publishes or
 * refuses them, withdraws a sheet, and anyone who may read an old revision may restore it as a new
 * draft. Each use case is one transaction (see {@link SheetWrites}) and every outcome — saved,
 * refused, forbidden, conflicting — is a {@link SaveResult}; every step is recorded as a
 * {@link WorkflowEvent} by the {@link SheetRepository}.
 */
@ApplicationScoped
public class SheetWorkflow {

    /** What follows the saving of a text, in the same transaction. */
    public enum Then {
        /** The text stays a draft. */
        DRAFT,
        /** The draft is submitted for review. */
        SUBMIT,
        /** The draft is published at once: for editors. */
        PUBLISH
    }

    private static final int CREATE_ATTEMPTS = 3;

    private SheetWrites writes;

    protected SheetWorkflow() {
        // for the container's proxy
    }

    @Inject
    public SheetWorkflow(SheetWrites writes) {
        this.writes = writes;
    }

    /** Creates a sheet whose slug comes from its title; its first revision is a draft of the actor's. */
    public SaveResult create(String source, Actor actor, String comment) {
        return create(source, actor, comment, Then.DRAFT);
    }

    /** Creates a sheet, then submits or publishes its first draft, all in one transaction. */
    public SaveResult create(String source, Actor actor, String comment, Then then) {
        if (!actor.isContributor()) {
            return SheetWrites.forbidden(actor, "proposer une fiche");
        }
        if (then == Then.PUBLISH && !actor.isEditor()) {
            return SheetWrites.forbidden(actor, "publier");
        }
        return writes.ifValid(source, parsed -> {
            SaveResult result = createOnce(parsed, actor, comment, then);
            // Two sheets of the same title created at the same moment chose the same free slug: the
            // later one tries again and takes the next one; a name really taken is refused again, with its reason.
            for (int attempt = 1; attempt < CREATE_ATTEMPTS && isNameClash(result); attempt++) {
                result = createOnce(parsed, actor, comment, then);
            }
            return result;
        });
    }

    private SaveResult createOnce(ParsedSheet parsed, Actor actor, String comment, Then then) {
        return writes.write(Slugs.slugify(parsed.title()), () -> {
            List<FieldError> taken = writes.aliasErrors(null, parsed.aliases());
            if (!taken.isEmpty()) {
                return new SaveResult.Invalid(taken);
            }
            String slug = Slugs.unique(parsed.title(), writes::isNameTaken);
            Sheet sheet = writes.repository().add(slug, parsed, writes.now());
            Revision revision = writes.repository().draft(sheet, parsed, actor.name(), writes.now(), comment);
            return andThen(sheet, revision, actor, comment, then);
        });
    }

    private static boolean isNameClash(SaveResult result) {
        return result instanceof SaveResult.Invalid invalid && invalid.errors().size() == 1
                && invalid.errors().get(0).field().equals("slug");
    }

    /**
     * Appends revision n+1, a draft, written from revision {@code baseRevision}; a draft still open
     * is replaced by it. On a stale base nothing is stored and the answer is a conflict.
     */
    public SaveResult save(String slug, int baseRevision, String source, Actor actor, String comment) {
        return save(slug, baseRevision, source, actor, comment, Then.DRAFT);
    }

    /** Saves a draft, then submits or publishes it, all in one transaction: nothing is stored if a step fails. */
    public SaveResult save(String slug, int baseRevision, String source, Actor actor, String comment, Then then) {
        if (!actor.isContributor()) {
            return SheetWrites.forbidden(actor, "modifier une fiche");
        }
        if (then == Then.PUBLISH && !actor.isEditor()) {
            return SheetWrites.forbidden(actor, "publier");
        }
        return writes.ifValid(source, parsed -> writes.writeOnSheet(slug,
                sheet -> saveOn(sheet, baseRevision, parsed, actor, comment, then)));
    }

    /** Appends the parsed text as a new draft of the sheet, in the caller's transaction. */
    private SaveResult saveOn(Sheet sheet, int baseRevision, ParsedSheet parsed, Actor actor, String comment, Then then) {
        List<FieldError> taken = writes.aliasErrors(sheet.getSlug(), parsed.aliases());
        if (!taken.isEmpty()) {
            return new SaveResult.Invalid(taken);
        }
        if (sheet.getLatestRevision() != baseRevision) {
            throw new WriteConflicts.StaleRevisionException();
        }
        Revision revision = writes.repository().draft(sheet, parsed, actor.name(), writes.now(), comment);
        return andThen(sheet, revision, actor, comment, then);
    }

    /** The step after a draft was written; if it is refused, the draft is rolled back with it. */
    private SaveResult andThen(Sheet sheet, Revision draft, Actor actor, String comment, Then then) {
        SaveResult result = switch (then) {
            case DRAFT -> new SaveResult.Saved(sheet.getSlug(), draft.getNumber());
            case SUBMIT -> submitOn(sheet, actor, comment);
            case PUBLISH -> publishOn(sheet, actor, comment);
        };
        if (!(result instanceof SaveResult.Saved)) {
            throw new WriteConflicts.RolledBack(result);
        }
        return result;
    }

    /** The author (or an editor) proposes the open draft for review. */
    public SaveResult submit(String slug, Actor actor, String comment) {
        return writes.writeOnSheet(slug, sheet -> submitOn(sheet, actor, comment));
    }

    private SaveResult submitOn(Sheet sheet, Actor actor, String comment) {
        Revision pending = sheet.getPendingRevision();
        if (pending == null || pending.getReviewState() != ReviewState.DRAFT) {
            return new SaveResult.Refused("La fiche « " + sheet.getSlug() + " » n'a pas de brouillon à soumettre.");
        }
        if (!actor.isEditor() && !actor.name().equals(pending.getAuthor())) {
            return SheetWrites.forbidden(actor, "soumettre le brouillon d'un autre auteur");
        }
        writes.repository().transition(sheet, pending, ReviewState.SUBMITTED, actor.name(), comment, writes.now());
        return new SaveResult.Saved(sheet.getSlug(), pending.getNumber());
    }

    /**
     * An editor publishes the open proposal (their own included), or publishes again a withdrawn
     * sheet; the search index follows through the change log.
     */
    public SaveResult publish(String slug, Actor actor, String comment) {
        if (!actor.isEditor()) {
            return SheetWrites.forbidden(actor, "publier");
        }
        return writes.writeOnSheet(slug, sheet -> publishOn(sheet, actor, comment));
    }

    private SaveResult publishOn(Sheet sheet, Actor actor, String comment) {
        Revision pending = sheet.getPendingRevision();
        Revision target = pending != null && pending.getReviewState().isOpen() ? pending
                : sheet.getState() == SheetState.UNPUBLISHED ? sheet.getPublishedRevision() : null;
        if (target == null) {
            return new SaveResult.Refused("La fiche « " + sheet.getSlug() + " » n'a aucune révision en attente de publication.");
        }
        List<FieldError> taken = writes.aliasErrors(sheet.getSlug(), SheetParser.aliasesOf(target.getSource()));
        if (!taken.isEmpty()) {
            return new SaveResult.Invalid(taken);
        }
        writes.repository().publish(sheet, target, actor.name(), comment, writes.now());
        return new SaveResult.Saved(sheet.getSlug(), target.getNumber());
    }

    /** An editor refuses the open proposal, saying why; the published revision, if any, stays. */
    public SaveResult reject(String slug, Actor actor, String comment) {
        if (!actor.isEditor()) {
            return SheetWrites.forbidden(actor, "refuser une proposition");
        }
        if (comment == null || comment.isBlank()) {
            return new SaveResult.Invalid(List.of(new FieldError("comment",
                    "Expliquez le refus à l'auteur : le commentaire est obligatoire.")));
        }
        return writes.writeOnSheet(slug, sheet -> {
            Revision pending = sheet.getPendingRevision();
            if (pending == null || !pending.getReviewState().isOpen()) {
                return new SaveResult.Refused("La fiche « " + slug + " » n'a aucune proposition à refuser.");
            }
            writes.repository().reject(sheet, pending, actor.name(), comment, writes.now());
            return new SaveResult.Saved(slug, pending.getNumber());
        });
    }

    /** An editor withdraws a published sheet from readers, search and feeds. */
    public SaveResult unpublish(String slug, Actor actor, String comment) {
        if (!actor.isEditor()) {
            return SheetWrites.forbidden(actor, "retirer une fiche");
        }
        return writes.writeOnSheet(slug, sheet -> {
            if (sheet.getState() != SheetState.PUBLISHED) {
                return new SaveResult.Refused("La fiche « " + slug + " » n'est pas publiée.");
            }
            int number = sheet.getPublishedRevision().getNumber();
            writes.repository().unpublish(sheet, actor.name(), comment, writes.now());
            return new SaveResult.Saved(slug, number);
        });
    }

    /** Restoring is never destructive: the old text becomes a new draft on top of the history. */
    public SaveResult restore(String slug, int number, Actor actor, String comment) {
        if (!actor.isContributor()) {
            return SheetWrites.forbidden(actor, "modifier une fiche");
        }
        String why = comment == null || comment.isBlank() ? "Restauration de la révision " + number : comment;
        return writes.writeOnSheet(slug, sheet -> {
            Optional<Revision> old = writes.repository().findRevision(slug, number).filter(actor::canSee);
            if (old.isEmpty()) {
                return new SaveResult.NotFound(slug);
            }
            return writes.ifValid(old.get().getSource(),
                    parsed -> saveOn(sheet, sheet.getLatestRevision(), parsed, actor, why, Then.DRAFT));
        });
    }
}
