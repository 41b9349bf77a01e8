package fr.essaim.content;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import fr.essaim.sheet.Revision;
import fr.essaim.sheet.Sheet;
import fr.essaim.sheet.SheetService;

/** The database as a corpus in the {@code content/} format, every revision included. */
@ApplicationScoped
public class CorpusExporter {

    private SheetService sheets;

    protected CorpusExporter() {
        // for the container's proxy
    }

    @Inject
    public CorpusExporter(SheetService sheets) {
        this.sheets = sheets;
    }

    public Corpus export() {
        return export(slug -> true);
    }

    /** The sheets whose slug passes the filter, each with all its revisions. */
    public Corpus export(Predicate<String> included) {
        Corpus corpus = new Corpus();
        for (Sheet sheet : sheets.allSheets()) {
            String slug = sheet.getSlug();
            if (!included.test(slug)) {
                continue;
            }
            List<Revision> revisions = new ArrayList<>(sheets.history(slug));
            Collections.reverse(revisions);
            Integer published = sheet.getPublishedRevision() == null ? null : sheet.getPublishedRevision().getNumber();
            History history = new History(revisions.stream()
                    .map(r -> new History.Entry(r.getNumber(), r.getAuthor(), r.getCreatedAt(), r.getComment())).toList(),
                    published);
            for (Revision revision : revisions) {
                String path = revision.getNumber() == history.current() ? Corpus.sheetPath(slug)
                        : Corpus.olderRevisionPath(slug, revision.getNumber());
                corpus.put(path, revision.getSource());
            }
            corpus.put(Corpus.historyPath(slug), history.write());
        }
        return corpus;
    }
}
