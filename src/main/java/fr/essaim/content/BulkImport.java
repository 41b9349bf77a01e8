package fr.essaim.content;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.logging.Logger;
import javax.sql.DataSource;

import fr.essaim.infra.Jdbc;
import fr.essaim.markdown.MarkdownRenderer;
import fr.essaim.sheet.FieldError;
import fr.essaim.sheet.InvalidSheetException;
import fr.essaim.sheet.ParsedSheet;
import fr.essaim.sheet.PublishedText;
import fr.essaim.sheet.ReferenceData;
import fr.essaim.sheet.SheetRepository;
import fr.essaim.sheet.SheetSchema;
import fr.essaim.sheet.WikiTargets;

/**
 * First-start import of sheets that have a single, published revision, straight into an empty
 * database: files are read a batch at a time (the corpus never sits whole in memory), parsed and
 * rendered on every core, and written by the {@link SheetRepository} with JDBC batches, one
 * transaction per batch: the same rows as the single import. A batch the
 * database refuses is rolled back and handed back to be imported sheet by sheet, so that one bad
 * sheet is refused alone and the others still come in.
 */
final class BulkImport {

    private static final Logger LOG = Logger.getLogger(BulkImport.class.getName());
    static final int BATCH = 500;
    /** The comment of the revisions, and of their publication, as the single import gives it to a sheet without history. */
    static final String COMMENT = "Import du corpus";

    /** What happens to a batch the database refused. */
    @FunctionalInterface
    interface Fallback {
        void importOneByOne(List<Path> files);
    }

    private record Parsed(String slug, String path, ParsedSheet sheet, List<String> refusal) {
    }

    private final DataSource dataSource;
    private final SheetRepository repository;
    private final SheetSchema schema;
    private final ReferenceData references;
    private final String importer;

    BulkImport(DataSource dataSource, SheetRepository repository, SheetSchema schema, ReferenceData references,
            String importer) {
        this.dataSource = dataSource;
        this.repository = repository;
        this.schema = schema;
        this.references = references;
        this.importer = importer;
    }

    /**
     * Imports these sheet files ({@code fiches/<slug>.md} of {@code folder}), reporting each, and
     * hands each committed batch to {@code committed} as the search index reads published sheets.
     */
    void run(Path folder, List<Path> files, ImportReport report, Fallback fallback, Consumer<List<PublishedText>> committed) {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        ThreadLocal<fr.essaim.sheet.SheetParser> parsers = ThreadLocal.withInitial(
                () -> new fr.essaim.sheet.SheetParser(schema, new MarkdownRenderer()));
        try {
            WikiTargets targets = wikiTargets(pool, files);
            List<Future<Parsed>> next = parseAside(pool, folder, batchAt(files, 0), parsers, targets);
            for (int from = 0; from < files.size(); from += BATCH) {
                List<Future<Parsed>> futures = next;
                // The next batch is parsed on the other cores while this one is written.
                next = parseAside(pool, folder, batchAt(files, from + BATCH), parsers, targets);
                List<Parsed> valid = new ArrayList<>();
                for (Future<Parsed> future : futures) {
                    Parsed parsed = get(future);
                    if (parsed.refusal() != null) {
                        report.refused(parsed.path(), parsed.refusal());
                    } else {
                        valid.add(parsed);
                    }
                }
                List<PublishedText> written;
                try {
                    // To the microsecond, as the database keeps it: what is handed over is what is read back.
                    OffsetDateTime at = OffsetDateTime.now(History.PARIS).truncatedTo(ChronoUnit.MICROS);
                    written = Jdbc.inTransaction(dataSource, connection -> repository.addPublished(connection,
                            valid.stream().map(p -> new SheetRepository.NewSheet(p.slug(), p.sheet())).toList(),
                            importer, COMMENT, at));
                    valid.forEach(p -> report.add(p.path(), ImportReport.Outcome.IMPORTED));
                } catch (SQLException | RuntimeException e) {
                    LOG.warning(() -> "Lot de " + valid.size() + " fiches refusé par la base (" + e.getMessage()
                            + ") : import fiche par fiche");
                    fallback.importOneByOne(valid.stream().map(p -> folder.resolve(p.path())).toList());
                    continue;
                }
                committed.accept(written);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Path> batchAt(List<Path> files, int from) {
        return from >= files.size() ? List.of() : files.subList(from, Math.min(files.size(), from + BATCH));
    }

    private List<Future<Parsed>> parseAside(ExecutorService pool, Path folder, List<Path> batch,
            ThreadLocal<fr.essaim.sheet.SheetParser> parsers, WikiTargets targets) {
        List<Future<Parsed>> futures = new ArrayList<>();
        for (Path file : batch) {
            futures.add(pool.submit(() -> parse(folder, file, parsers.get(), targets)));
        }
        return futures;
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("import interrompu", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private Parsed parse(Path folder, Path file, fr.essaim.sheet.SheetParser parser, WikiTargets targets) {
        String path = folder.relativize(file).toString().replace('\\', '/');
        String slug = slugOf(file);
        try {
            String source = Utf8.decode(Files.readAllBytes(file));
            return new Parsed(slug, path, parser.parse(source, references, targets), null);
        } catch (InvalidSheetException e) {
            return new Parsed(slug, path, null, e.errors().stream().map(FieldError::toString).toList());
        } catch (ContentException e) {
            return new Parsed(slug, path, null, List.of(e.getMessage()));
        } catch (IOException e) {
            return new Parsed(slug, path, null, List.of("fichier illisible : " + e.getMessage()));
        }
    }

    static String slugOf(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".md".length());
    }

    /**
     * Wiki link targets resolved as {@code WikiLinks} resolves them, against the names of the
     * corpus being imported, read once on every core: no query per link. The names are added in
     * the corpus's order, since the first sheet to claim a name keeps it.
     */
    private static WikiTargets wikiTargets(ExecutorService pool, List<Path> files) {
        List<Future<List<Names>>> parts = new ArrayList<>();
        for (int from = 0; from < files.size(); from += BATCH) {
            List<Path> part = batchAt(files, from);
            parts.add(pool.submit(() -> part.stream().map(BulkImport::namesOf).toList()));
        }
        WikiTargets.KnownNames names = new WikiTargets.KnownNames();
        for (Future<List<Names>> part : parts) {
            get(part).forEach(sheet -> names.add(sheet.slug(), sheet.title(), sheet.aliases()));
        }
        return new WikiTargets(names);
    }

    private record Names(String slug, String title, List<String> aliases) {
    }

    private static Names namesOf(Path file) {
        String title = null;
        List<String> aliases = List.of();
        try {
            String text = Files.readString(file);
            title = FrontMatterLines.value(text, "title").map(value -> String.valueOf(value).strip()).orElse(null);
            aliases = FrontMatterLines.names(text, "aliases");
        } catch (IOException e) {
            // The sheet itself is refused with its reason when it is parsed.
        }
        return new Names(slugOf(file), title, aliases);
    }
}
