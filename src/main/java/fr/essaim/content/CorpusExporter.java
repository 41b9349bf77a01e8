package fr.essaim.content;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import fr.essaim.sheet.Revision;
import fr.essaim.sheet.Sheet;
import fr.essaim.sheet.SheetService;

/** The database as a corpus in the {@code content/} format, every revision included. */
@ApplicationScoped
public class CorpusExporter {

    private static final int PAGE = 200;

    private SheetService sheets;

    protected CorpusExporter() {
        // for the container's proxy
    }

    @Inject
    public CorpusExporter(SheetService sheets) {
        this.sheets = sheets;
    }

    /** Gives a file of the corpus format: its path and its text. */
    @FunctionalInterface
    public interface FileSink {
        void put(String path, String text) throws IOException;
    }

    public Corpus export() {
        return export(slug -> true);
    }

    /** The sheets whose slug passes the filter, each with all its revisions, in memory: for small corpora and tests. */
    public Corpus export(Predicate<String> included) {
        Corpus corpus = new Corpus();
        try {
            export(included, corpus::put);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return corpus;
    }

    /**
     * Gives the files of the sheets whose slug passes the filter, sheet by sheet in slug order,
     * reading a page of sheets and their revisions at a time: a corpus of any size goes out
     * without sitting in memory.
     */
    public void export(Predicate<String> included, FileSink sink) throws IOException {
        String after = "";
        while (true) {
            List<Sheet> page = sheets.sheetsAfter(after, PAGE);
            if (page.isEmpty()) {
                return;
            }
            after = page.get(page.size() - 1).getSlug();
            List<Sheet> chosen = page.stream().filter(sheet -> included.test(sheet.getSlug())).toList();
            Map<String, List<Revision>> revisions = sheets.revisionsOf(chosen.stream().map(Sheet::getSlug).toList());
            for (Sheet sheet : chosen) {
                put(sheet, revisions.getOrDefault(sheet.getSlug(), List.of()), sink);
            }
        }
    }

    private static void put(Sheet sheet, List<Revision> revisions, FileSink sink) throws IOException {
        String slug = sheet.getSlug();
        Integer published = sheet.getPublishedRevision() == null ? null : sheet.getPublishedRevision().getNumber();
        History history = new History(revisions.stream()
                .map(r -> new History.Entry(r.getNumber(), r.getAuthor(), r.getCreatedAt(), r.getComment())).toList(),
                published);
        for (Revision revision : revisions) {
            String path = revision.getNumber() == history.current() ? Corpus.sheetPath(slug)
                    : Corpus.olderRevisionPath(slug, revision.getNumber());
            sink.put(path, revision.getSource());
        }
        sink.put(Corpus.historyPath(slug), history.write());
    }
}
