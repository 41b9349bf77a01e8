package fr.essaim.content;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import fr.essaim.sheet.FieldError;
import fr.essaim.sheet.Revision;
import fr.essaim.sheet.SaveResult;
import fr.essaim.sheet.Sheet;
import fr.essaim.sheet.SheetService;
import fr.essaim.sheet.SheetImports;
import fr.essaim.sheet.SheetImports.ImportedRevision;

/**
 * Writes a corpus into the database, sheet by sheet: a new sheet comes in with its history; a
 * known sheet whose text differs gets one more, published revision; an identical one is left alone.
 * A sheet that fails is reported and the others still come in.
 */
@ApplicationScoped
public class CorpusImporter {

    private static final Logger LOG = Logger.getLogger(CorpusImporter.class.getName());

    private SheetService sheets;
    private SheetImports imports;

    protected CorpusImporter() {
        // for the container's proxy
    }

    @Inject
    public CorpusImporter(SheetService sheets, SheetImports imports) {
        this.sheets = sheets;
        this.imports = imports;
    }

    public ImportReport importCorpus(Corpus corpus, ImportReport report, String importer) {
        report.expectMore(corpus.sheetFiles().size());
        for (var sheet : takenUpFirst(corpus).entrySet()) {
            String slug = sheet.getKey();
            String path = sheet.getValue();
            try {
                importSheet(corpus, slug, path, report, importer);
            } catch (ContentException e) {
                report.refused(path, List.of(e.getMessage()));
            } catch (RuntimeException e) {
                // One sheet the database refuses must not keep the others out.
                LOG.log(Level.WARNING, "Import de " + path + " impossible", e);
                report.refused(path, List.of("enregistrement impossible : " + rootMessage(e)));
            }
        }
        for (String path : corpus.files().keySet()) {
            if (path.startsWith(Corpus.HISTORY) && path.endsWith(".yml")) {
                String slug = path.substring(Corpus.HISTORY.length(), path.length() - ".yml".length());
                if (!corpus.sheetFiles().containsKey(slug)) {
                    report.refused(path, List.of("historique sans fiche " + Corpus.sheetPath(slug)));
                }
            }
        }
        return report;
    }

    /**
     * The sheets in an order where each comes after the sheets of the corpus it takes up
     * ({@code inspiredBy}), which must exist when it is checked; otherwise in the corpus's order.
     */
    static Map<String, String> takenUpFirst(Corpus corpus) {
        Map<String, String> files = corpus.sheetFiles();
        Map<String, String> ordered = new LinkedHashMap<>();
        Set<String> visiting = new HashSet<>();
        for (String slug : files.keySet()) {
            place(slug, files, corpus, ordered, visiting);
        }
        return ordered;
    }

    private static void place(String slug, Map<String, String> files, Corpus corpus, Map<String, String> ordered,
            Set<String> visiting) {
        if (ordered.containsKey(slug) || !visiting.add(slug)) {
            return;
        }
        for (String original : FrontMatterLines.names(corpus.get(files.get(slug)).orElse(""), "inspiredBy")) {
            if (files.containsKey(original)) {
                place(original, files, corpus, ordered, visiting);
            }
        }
        ordered.put(slug, files.get(slug));
    }

    private void importSheet(Corpus corpus, String slug, String path, ImportReport report, String importer)
            throws ContentException {
        String current = corpus.get(path).orElseThrow();
        Optional<Sheet> existing = sheets.find(slug);
        if (existing.isPresent()) {
            Optional<Revision> shown = sheets.findPublished(slug).or(() -> sheets.findRevision(slug, existing.get().getLatestRevision()));
            if (shown.isPresent() && shown.get().getSource().equals(current)) {
                report.add(path, ImportReport.Outcome.UNCHANGED);
                return;
            }
            record(report, path, imports.importUpdate(slug, new ImportedRevision(current, importer,
                    OffsetDateTime.now(History.PARIS), "Import"), importer), ImportReport.Outcome.UPDATED);
            return;
        }
        Optional<String> historyFile = corpus.get(Corpus.historyPath(slug));
        History history = historyFile.isPresent() ? History.parse(historyFile.get(), Corpus.historyPath(slug))
                : new History(List.of(new History.Entry(1, importer, OffsetDateTime.now(History.PARIS), BulkImport.COMMENT)), 1);
        List<ImportedRevision> revisions = new ArrayList<>();
        for (History.Entry entry : history.revisions()) {
            String source = entry.number() == history.current() ? current
                    : corpus.get(Corpus.olderRevisionPath(slug, entry.number())).orElseThrow(() -> new ContentException(
                            "texte de la révision " + entry.number() + " manquant (" + Corpus.olderRevisionPath(slug, entry.number()) + ")"));
            revisions.add(new ImportedRevision(source, entry.author(), entry.date(), entry.comment()));
        }
        record(report, path, imports.importSheet(slug, revisions, history.published(), importer), ImportReport.Outcome.IMPORTED);
    }

    private static void record(ImportReport report, String path, SaveResult result, ImportReport.Outcome success) {
        if (result instanceof SaveResult.Saved) {
            report.add(path, success);
        } else if (result instanceof SaveResult.Invalid invalid) {
            report.refused(path, invalid.errors().stream().map(FieldError::toString).toList());
        } else if (result instanceof SaveResult.Conflict conflict) {
            report.refused(path, List.of(conflict.message()));
        } else {
            report.refused(path, List.of("fiche introuvable"));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
