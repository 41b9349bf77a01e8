package fr.essaim.sheet;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import fr.essaim.shared.Slugs;

/**
 * Sheets brought in from a corpus or another wiki, one at a time, each in its own transaction: a
 * new sheet with its history as given, or a new text for a known sheet, published at once. The
 * publication is the workflow's ({@link SheetRepository#publish}), recorded as done by the importer.
 * The first-start import of a large corpus writes the same rows in batches
 * ({@link SheetRepository#addPublished}).
 */
@ApplicationScoped
public class SheetImports {

    private SheetWrites writes;

    protected SheetImports() {
        // for the container's proxy
    }

    @Inject
    public SheetImports(SheetWrites writes) {
        this.writes = writes;
    }

    /** A revision to import: its source and the facts of its history. */
    public record ImportedRevision(String source, String author, OffsetDateTime createdAt, String comment) {
    }

    /**
     * Brings in a sheet with its history as given; the revision numbered {@code published} is
     * published by the importer (none if null). A slug that already exists is a conflict.
     */
    public SaveResult importSheet(String slug, List<ImportedRevision> revisions, Integer published, String importer) {
        if (!Slugs.isValid(slug)) {
            return new SaveResult.Invalid(List.of(new FieldError("slug",
                    "« " + slug + " » n'est pas un identifiant de fiche (minuscules sans accents, chiffres et tirets)")));
        }
        if (revisions.isEmpty()) {
            return new SaveResult.Invalid(List.of(new FieldError("source", "aucune révision à importer")));
        }
        List<ParsedSheet> parsed = new ArrayList<>();
        for (ImportedRevision revision : revisions) {
            try {
                parsed.add(writes.parse(revision.source()));
            } catch (InvalidSheetException e) {
                return new SaveResult.Invalid(e.errors());
            }
        }
        SheetRepository repository = writes.repository();
        return writes.write(slug, () -> {
            if (repository.find(slug).isPresent()) {
                throw new WriteConflicts.StaleRevisionException();
            }
            Sheet sheet = repository.add(slug, parsed.get(0), revisions.get(0).createdAt());
            Revision toPublish = null;
            for (int i = 0; i < revisions.size(); i++) {
                ImportedRevision meta = revisions.get(i);
                int number = sheet.getLatestRevision() + 1;
                // A corpus's history was reviewed where it came from: before the published text is archive, after it waits.
                Revision revision = repository.append(sheet, parsed.get(i), meta.author(), meta.createdAt(), meta.comment(),
                        published != null && number < published ? ReviewState.ARCHIVED : ReviewState.SUBMITTED);
                if (published != null && number == published) {
                    toPublish = revision;
                }
            }
            if (toPublish != null) {
                repository.publish(sheet, toPublish, importer, toPublish.getComment(), toPublish.getCreatedAt());
            }
            return new SaveResult.Saved(slug, sheet.getLatestRevision());
        });
    }

    /** Brings in a sheet whose last revision is published. */
    public SaveResult importSheet(String slug, List<ImportedRevision> revisions, String importer) {
        return importSheet(slug, revisions, revisions.isEmpty() ? null : revisions.size(), importer);
    }

    /** A new text for an existing sheet, from an import: appended and published at once by the importer. */
    public SaveResult importUpdate(String slug, ImportedRevision revision, String importer) {
        return writes.ifValid(revision.source(), parsed -> writes.writeOnSheet(slug, sheet -> {
            Revision appended = writes.repository().append(sheet, parsed, revision.author(), revision.createdAt(),
                    revision.comment(), ReviewState.SUBMITTED);
            writes.repository().publish(sheet, appended, importer, revision.comment(), appended.getCreatedAt());
            return new SaveResult.Saved(slug, appended.getNumber());
        }));
    }
}
