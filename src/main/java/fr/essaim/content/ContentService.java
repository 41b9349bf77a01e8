package fr.essaim.content;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import fr.essaim.infra.DataSourceDeclaration;
import fr.essaim.infra.Transactions;
import fr.essaim.sheet.PublishedText;
import fr.essaim.sheet.ReferenceData;
import fr.essaim.sheet.SheetRepository;
import fr.essaim.sheet.SheetService;

/** Moving the corpus in and out of Essaim: what the start-up, the admin API and the admin page call. */
@ApplicationScoped
public class ContentService {

    static final String CORPUS_IMPORTER = "import";

    @Inject
    CorpusImporter importer;

    @Inject
    CorpusExporter exporter;

    @Inject
    YesWikiImporter yesWiki;

    @Inject
    SheetService sheets;

    @Inject
    SheetRepository repository;

    @Inject
    ReferenceData references;

    @Inject
    Transactions transactions;

    @Resource(lookup = DataSourceDeclaration.JNDI_NAME)
    DataSource dataSource;

    /**
     * Fills an empty database with a corpus folder of any size: sheets with a history file come in
     * one by one with their revisions; all the others, in JDBC batches (see {@link BulkImport}).
     * Every sheet it publishes is handed to {@code published} as soon as it is committed, as the
     * search index reads published sheets: the first start indexes the corpus meanwhile.
     */
    public ImportReport importFirstCorpus(Path folder, Consumer<List<PublishedText>> published) {
        Path sheetFolder = folder.resolve(Corpus.SHEETS);
        List<Path> simple = new ArrayList<>();
        Corpus withHistory = new Corpus();
        ImportReport report = new ImportReport();
        try (Stream<Path> files = Files.list(sheetFolder)) {
            Set<String> histories = historyPaths(folder);
            for (Path file : files.sorted().toList()) {
                String path = folder.relativize(file).toString().replace('\\', '/');
                if (!Files.isRegularFile(file) || !Corpus.isCorpusPath(path)) {
                    report.ignored(path, "fichier hors du format du corpus");
                } else if (histories.contains(Corpus.historyPath(BulkImport.slugOf(file)))) {
                    withHistory.put(path, Utf8.decode(Files.readAllBytes(file)));
                } else {
                    simple.add(file);
                }
            }
        } catch (IOException | ContentException e) {
            if (Files.isDirectory(sheetFolder)) {
                report.refused(Corpus.SHEETS, List.of("dossier illisible : " + e.getMessage()));
            }
            return report;
        }
        // History files and older texts are few: they are read whole, with the sheets they belong to.
        CorpusReader.Result history = CorpusReader.readFolder(folder, Corpus.HISTORY);
        history.corpus().files().forEach(withHistory::put);
        report.addAll(history.report());
        importer.importCorpus(withHistory, report, CORPUS_IMPORTER);
        handOver(withHistory.files().keySet(), published);
        new BulkImport(dataSource, repository, sheets.schema(), references, CORPUS_IMPORTER).run(folder, simple, report, files -> {
            Corpus one = new Corpus();
            for (Path file : files) {
                try {
                    one.put(folder.relativize(file).toString().replace('\\', '/'), Utf8.decode(Files.readAllBytes(file)));
                } catch (IOException | ContentException e) {
                    report.refused(folder.relativize(file).toString(), List.of("fichier illisible : " + e.getMessage()));
                }
            }
            importer.importCorpus(one, report, CORPUS_IMPORTER);
            handOver(one.files().keySet(), published);
        }, published);
        return report;
    }

    /** The corpus paths of the history folder's files, listed once instead of one lookup per sheet. */
    private static Set<String> historyPaths(Path folder) throws IOException {
        Path histories = folder.resolve(Corpus.HISTORY);
        if (!Files.isDirectory(histories)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(histories)) {
            return files.map(file -> Corpus.HISTORY + file.getFileName()).collect(Collectors.toSet());
        }
    }

    /** Hands over the published sheets among these corpus paths, read back a batch at a time. */
    private void handOver(Collection<String> paths, Consumer<List<PublishedText>> published) {
        List<String> slugs = paths.stream().filter(path -> path.startsWith(Corpus.SHEETS))
                .map(path -> BulkImport.slugOf(Path.of(path))).toList();
        for (int from = 0; from < slugs.size(); from += BulkImport.BATCH) {
            List<String> batch = slugs.subList(from, Math.min(slugs.size(), from + BulkImport.BATCH));
            published.accept(transactions.inNewTransaction(() -> sheets.publishedTexts(batch)));
        }
    }

    /** Imports a zip archive in the corpus format; a broken or oversized archive is refused whole. */
    public ImportReport importZip(byte[] archive, String importer) throws ContentException {
        return importZip(archive, importer, new ImportReport());
    }

    /** The same, into a report that shows the progress while the files come in. */
    public ImportReport importZip(byte[] archive, String importer, ImportReport report) throws ContentException {
        CorpusReader.Result read = CorpusReader.readZip(archive, CorpusReader.Limits.DEFAULT);
        report.addAll(read.report());
        return this.importer.importCorpus(read.corpus(), report, importer);
    }

    /** Imports the entries of a YesWiki Bazar form (the JSON of {@code api/forms/{id}/entries}). */
    public ImportReport importYesWiki(String json, String importer) throws ContentException {
        return yesWiki.importEntries(json, importer);
    }

    /** The same, into a report that shows the progress while the entries come in. */
    public ImportReport importYesWiki(String json, String importer, ImportReport report) throws ContentException {
        return yesWiki.importEntries(json, importer, report);
    }

    public void exportZip(java.io.OutputStream out) throws IOException {
        CorpusZip.write(out, sink -> exporter.export(slug -> true, sink));
    }

    /** The sheets among these slugs, as a zip in the corpus format. */
    public void exportZip(java.util.Set<String> slugs, java.io.OutputStream out) throws IOException {
        CorpusZip.write(out, sink -> exporter.export(slugs::contains, sink));
    }
}
