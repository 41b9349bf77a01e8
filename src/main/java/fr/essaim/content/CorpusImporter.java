package fr.essaim.content;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import fr.essaim.markdown.SheetSource;
import fr.essaim.sheet.FieldError;
import fr.essaim.sheet.SaveResult;
import fr.essaim.sheet.SheetService;
import fr.essaim.sheet.SheetService.ImportedRevision;

/**
 * Reads a corpus folder in the {@code content/} format: {@code fiches/<slug>.md} holds the current
 * text of each sheet; {@code historique/<slug>.yml} optionally lists its revisions (author, date,
 * comment), the older ones' texts being in {@code historique/<slug>/<n>.md}.
 */
@ApplicationScoped
public class CorpusImporter {

    private static final Logger LOG = Logger.getLogger(CorpusImporter.class.getName());
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final String IMPORT_AUTHOR = "import";

    @Inject
    SheetService sheets;

    public ImportReport importFolder(Path contentDir) {
        ImportReport report = new ImportReport();
        Path sheetsDir = contentDir.resolve("fiches");
        if (!Files.isDirectory(sheetsDir)) {
            return report;
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(sheetsDir)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().toList();
        } catch (IOException e) {
            report.refused(sheetsDir.toString(), List.of("dossier illisible : " + e.getMessage()));
            return report;
        }
        for (Path file : files) {
            String relative = contentDir.relativize(file).toString();
            String slug = file.getFileName().toString().replaceFirst("\\.md$", "");
            try {
                List<ImportedRevision> revisions = revisionsOf(contentDir, slug, readUtf8(file));
                SaveResult result = sheets.importSheet(slug, revisions);
                record(report, relative, result);
            } catch (ContentException e) {
                report.refused(relative, List.of(e.getMessage()));
            } catch (RuntimeException e) {
                // One sheet the database refuses must not keep the others out.
                LOG.log(Level.WARNING, "Import de " + relative + " impossible", e);
                report.refused(relative, List.of("enregistrement impossible : " + rootMessage(e)));
            }
        }
        return report;
    }

    private static void record(ImportReport report, String path, SaveResult result) {
        if (result instanceof SaveResult.Saved) {
            report.imported(path);
        } else if (result instanceof SaveResult.Invalid invalid) {
            report.refused(path, invalid.errors().stream().map(FieldError::toString).toList());
        } else if (result instanceof SaveResult.Conflict conflict) {
            report.refused(path, List.of("une fiche « " + conflict.slug() + " » existe déjà"));
        } else {
            report.refused(path, List.of("fiche introuvable"));
        }
    }

    List<ImportedRevision> revisionsOf(Path contentDir, String slug, String currentSource) throws ContentException {
        Path history = contentDir.resolve("historique").resolve(slug + ".yml");
        if (!Files.isRegularFile(history)) {
            return List.of(new ImportedRevision(currentSource, IMPORT_AUTHOR, OffsetDateTime.now(PARIS),
                    "Import du corpus"));
        }
        List<Map<String, Object>> entries = historyEntries(history);
        List<ImportedRevision> revisions = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Map<String, Object> entry = entries.get(i);
            boolean last = i == entries.size() - 1;
            Object number = entry.get("number");
            String source = last ? currentSource
                    : readUtf8(contentDir.resolve("historique").resolve(slug).resolve(number + ".md"));
            revisions.add(new ImportedRevision(source, String.valueOf(entry.getOrDefault("author", IMPORT_AUTHOR)),
                    dateOf(entry.get("date"), history), entry.get("comment") == null ? null : String.valueOf(entry.get("comment"))));
        }
        return revisions;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> historyEntries(Path history) throws ContentException {
        Object document;
        try {
            document = SheetSource.newYaml().load(readUtf8(history));
        } catch (RuntimeException e) {
            throw new ContentException("historique illisible (" + history.getFileName() + ") : " + e.getMessage());
        }
        if (!(document instanceof Map<?, ?> map) || !(map.get("revisions") instanceof List<?> list) || list.isEmpty()) {
            throw new ContentException("historique sans liste « revisions » : " + history.getFileName());
        }
        for (Object entry : list) {
            if (!(entry instanceof Map<?, ?>)) {
                throw new ContentException("historique mal formé : " + history.getFileName());
            }
        }
        return (List<Map<String, Object>>) list;
    }

    private static OffsetDateTime dateOf(Object value, Path history) throws ContentException {
        if (value instanceof Date date) {
            return date.toInstant().atZone(PARIS).toOffsetDateTime();
        }
        try {
            return OffsetDateTime.parse(String.valueOf(value));
        } catch (DateTimeParseException e) {
            throw new ContentException("date de révision illisible dans " + history.getFileName() + " : « " + value + " »");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    static String readUtf8(Path file) throws ContentException {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ContentException("le fichier n'est pas en UTF-8 valide");
        } catch (IOException e) {
            throw new ContentException("fichier illisible : " + e.getMessage());
        }
    }

    /** A corpus file that cannot be read; the message says why, in French. */
    static final class ContentException extends Exception {
        ContentException(String message) {
            super(message);
        }
    }
}
