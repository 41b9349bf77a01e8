package fr.essaim.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.jsoup.Jsoup;
import org.jsoup.safety.Safelist;

import com.vladsch.flexmark.html2md.converter.FlexmarkHtmlConverter;

import fr.essaim.sheet.FieldError;
import fr.essaim.shared.JsonFields;
import fr.essaim.sheet.Revision;
import fr.essaim.sheet.SaveResult;
import fr.essaim.sheet.SheetImports;
import fr.essaim.sheet.SheetImports.ImportedRevision;
import fr.essaim.sheet.WikiLinks;
import fr.essaim.sheet.SheetService;
import fr.essaim.shared.Slugs;
import fr.essaim.theme.ThemeService;
import fr.essaim.shared.Yaml;

/**
 * Imports the entries of a YesWiki Bazar form, as its API {@code api/forms/{id}/entries} returns
 * them: a JSON object keyed by WikiName ({@code id_fiche}). Fields are mapped by
 * {@code import/yeswiki.yml}; the WikiName is kept as an alias so that old links still lead to the
 * sheet; the long text (HTML) is cleaned, then converted to Markdown.
 */
@ApplicationScoped
public class YesWikiImporter {

    private static final Logger LOG = Logger.getLogger(YesWikiImporter.class.getName());
    private static final String MAPPING = "essaim/import/yeswiki.yml";
    private static final DateTimeFormatter YESWIKI_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final int SUMMARY_MAX = 300;

    private SheetService sheets;
    private SheetImports imports;
    private WikiLinks links;
    private Mapping mapping;
    private java.util.Set<Integer> themeCodes;

    protected YesWikiImporter() {
        // for the container's proxy
    }

    @Inject
    public YesWikiImporter(SheetService sheets, SheetImports imports, WikiLinks links, ThemeService themes) {
        this.sheets = sheets;
        this.imports = imports;
        this.links = links;
        this.mapping = Mapping.fromClasspath();
        this.themeCodes = themes.labels().keySet();
    }

    /** How Bazar fields become sheet fields. */
    record Mapping(String kind, Map<String, String> fields, List<Integer> defaultThemes, String publisher) {

        @SuppressWarnings("unchecked")
        static Mapping fromClasspath() {
            try (InputStream in = YesWikiImporter.class.getClassLoader().getResourceAsStream(MAPPING)) {
                Map<String, Object> yaml = Yaml.parser().load(in);
                Map<String, String> fields = new LinkedHashMap<>();
                ((Map<String, Object>) yaml.get("fields")).forEach((k, v) -> fields.put(k, String.valueOf(v)));
                return new Mapping(String.valueOf(yaml.get("kind")), fields,
                        (List<Integer>) yaml.get("defaultThemes"), String.valueOf(yaml.get("publisher")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String field(String name) {
            return fields.get(name);
        }
    }

    public ImportReport importEntries(String json, String importer) throws ContentException {
        return importEntries(json, importer, new ImportReport());
    }

    /** Imports the entries into this report, which shows the progress while they come in. */
    public ImportReport importEntries(String json, String importer, ImportReport report) throws ContentException {
        JsonObject entries;
        NestingLimits.checkJson(json);
        try (JsonReader reader = JsonFields.JSON.createReader(new StringReader(json))) {
            JsonValue document = reader.readValue();
            if (!(document instanceof JsonObject object)) {
                throw new ContentException("export YesWiki attendu : un objet JSON dont les clés sont les noms des fiches (id_fiche)");
            }
            entries = object;
        } catch (JsonException e) {
            // The parser's own message is English and technical: where it stopped is what helps.
            jakarta.json.stream.JsonLocation at = e instanceof jakarta.json.stream.JsonParsingException parsing
                    ? parsing.getLocation() : null;
            throw new ContentException("JSON illisible" + (at == null ? "" : " à la ligne " + at.getLineNumber()
                    + ", colonne " + at.getColumnNumber()) + " : vérifiez que le fichier est bien un export JSON de YesWiki");
        }
        report.expectMore(entries.size());
        for (Map.Entry<String, JsonValue> item : entries.entrySet()) {
            String path = "yeswiki:" + item.getKey();
            if (!(item.getValue() instanceof JsonObject entry)) {
                // YesWiki adds keys such as rawOutput next to the entries.
                report.ignored(path, "ce n'est pas une fiche");
                continue;
            }
            try {
                importEntry(entry, path, report, importer);
            } catch (ContentException e) {
                report.refused(path, List.of(e.getMessage()));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Import YesWiki de " + path + " impossible", e);
                report.refused(path, List.of("enregistrement impossible"));
            }
        }
        return report;
    }

    private void importEntry(JsonObject entry, String path, ImportReport report, String importer) throws ContentException {
        String wikiName = text(entry, "id_fiche").orElseThrow(() -> new ContentException("entrée sans id_fiche"));
        String title = text(entry, mapping.field("title")).orElseThrow(() -> new ContentException(
                "entrée sans titre (" + mapping.field("title") + ")"));
        String body = markdown(text(entry, mapping.field("body")).orElse(""), mapping.field("body"));
        List<String> changes = new ArrayList<>();
        String source = sheetSource(entry, wikiName, title, body, changes);
        OffsetDateTime created = date(entry, "date_creation_fiche", changes);
        String comment = "Import du wiki YesWiki (" + wikiName + ")"
                + text(entry, "date_maj_fiche").map(d -> ", mis à jour le " + d).orElse("");
        ImportedRevision revision = new ImportedRevision(source, importer, created, comment);

        Optional<String> existing = links.resolveAlias(wikiName);
        SaveResult result;
        ImportReport.Outcome success;
        if (existing.isPresent()) {
            Optional<Revision> published = sheets.findPublished(existing.get());
            if (published.isPresent() && published.get().getSource().equals(source)) {
                report.add(path, ImportReport.Outcome.UNCHANGED);
                return;
            }
            result = imports.importUpdate(existing.get(), revision, importer);
            success = ImportReport.Outcome.UPDATED;
        } else {
            String slug = Slugs.unique(title, candidate -> sheets.find(candidate).isPresent());
            result = imports.importSheet(slug, List.of(revision), importer);
            success = ImportReport.Outcome.IMPORTED;
        }
        if (result instanceof SaveResult.Saved) {
            report.add(path, success, changes);
        } else if (result instanceof SaveResult.Invalid invalid) {
            report.refused(path, invalid.errors().stream().map(FieldError::toString).toList());
        } else {
            report.refused(path, List.of("conflit : la fiche a changé pendant l'import, recommencez"));
        }
    }

    private String sheetSource(JsonObject entry, String wikiName, String title, String body, List<String> changes) {
        Map<String, Object> front = new LinkedHashMap<>();
        front.put("kind", mapping.kind());
        front.put("title", title);
        front.put("summary", text(entry, mapping.field("summary")).map(YesWikiImporter::plainText)
                .orElseGet(() -> firstSentence(body, title)));
        front.put("aliases", List.of(wikiName));
        front.put("themes", themes(entry, changes));
        Map<String, Object> cited = new LinkedHashMap<>();
        Optional<String> sourceText = text(entry, mapping.field("source")).map(YesWikiImporter::plainText);
        cited.put("title", sourceText.orElse("Fiche « " + title + " » du wiki"));
        if (sourceText.isEmpty()) {
            cited.put("publisher", mapping.publisher());
        }
        text(entry, mapping.field("url")).filter(u -> u.matches("https?://\\S+")).or(() -> text(entry, "url")
                .filter(u -> u.matches("https?://\\S+"))).ifPresent(url -> cited.put("url", url));
        front.put("sources", List.of(cited));
        return "---\n" + Yaml.dump(front, true) + "---\n" + body;
    }

    private List<Integer> themes(JsonObject entry, List<String> changes) {
        List<Integer> codes = new ArrayList<>();
        for (String value : text(entry, mapping.field("themes")).orElse("").split(",")) {
            String code = value.strip();
            if (code.isEmpty()) {
                continue;
            }
            if (code.matches("\\d{1,3}") && themeCodes.contains(Integer.parseInt(code))) {
                if (!codes.contains(Integer.parseInt(code))) {
                    codes.add(Integer.parseInt(code));
                }
            } else {
                changes.add("thème « " + code + " » inconnu : laissé de côté");
            }
        }
        if (codes.isEmpty()) {
            changes.add("aucun thème reconnu : thème(s) par défaut " + mapping.defaultThemes());
            return mapping.defaultThemes();
        }
        return codes;
    }

    /** Bazar HTML, reduced to what Markdown can say, without anything executable. */
    static String markdown(String html, String field) throws ContentException {
        String clean = Jsoup.clean(html, Safelist.relaxed().removeTags("img"));
        NestingLimits.checkHtml(Jsoup.parseBodyFragment(clean), field);
        return FlexmarkHtmlConverter.builder().build().convert(clean).strip() + "\n";
    }

    private static String plainText(String html) {
        return Jsoup.parse(html).text().strip();
    }

    private static String firstSentence(String markdownBody, String fallback) {
        String text = Jsoup.parse(com.vladsch.flexmark.html.HtmlRenderer.builder().build()
                .render(com.vladsch.flexmark.parser.Parser.builder().build().parse(markdownBody))).text().strip();
        int end = text.indexOf(". ");
        String sentence = end > 0 ? text.substring(0, end + 1) : text;
        if (sentence.isEmpty()) {
            return fallback;
        }
        return sentence.length() <= SUMMARY_MAX ? sentence : sentence.substring(0, SUMMARY_MAX - 1).strip() + "…";
    }

    private static Optional<String> text(JsonObject entry, String field) {
        if (field == null || !(entry.get(field) instanceof JsonString value)) {
            return Optional.empty();
        }
        String text = value.getString().strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    private static OffsetDateTime date(JsonObject entry, String field, List<String> changes) {
        Optional<String> value = text(entry, field);
        if (value.isPresent()) {
            try {
                // YesWiki writes the server's local time, without a zone: French wikis run on Paris time.
                return LocalDateTime.parse(value.get(), YESWIKI_DATE).atZone(History.PARIS).toOffsetDateTime();
            } catch (DateTimeParseException e) {
                changes.add(field + " « " + value.get() + " » illisible (attendu AAAA-MM-JJ HH:MM:SS) : date de l'import retenue");
            }
        } else {
            changes.add(field + " absent : date de l'import retenue");
        }
        return OffsetDateTime.now(History.PARIS);
    }
}
