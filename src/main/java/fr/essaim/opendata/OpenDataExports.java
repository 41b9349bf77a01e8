package fr.essaim.opendata;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonGenerator;
import jakarta.ws.rs.core.StreamingOutput;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import fr.essaim.content.CorpusExporter;
import fr.essaim.content.CorpusZip;
import fr.essaim.search.InvalidSearchException;
import fr.essaim.search.SearchRequest;
import fr.essaim.search.SearchResult;
import fr.essaim.search.SearchService;
import fr.essaim.shared.JsonFields;
import fr.essaim.sheet.SheetService;
import fr.essaim.territory.TerritoryCatalog;
import fr.essaim.theme.ThemeService;

/**
 * The published sheets as open data: the CSV of any search, the dumps (CSV, JSON, the corpus
 * format), their Table Schema and the DCAT catalogue. Everything is written as it is read, a page
 * of sheets at a time, so that 100,000 sheets go out in the memory of a few hundred.
 */
@ApplicationScoped
public class OpenDataExports {

    static final CSVFormat CSV = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();
    public static final String CSV_TYPE = "text/csv";

    @Inject
    SearchService search;

    @Inject
    SheetService sheets;

    @Inject
    PublishedSheets published;

    @Inject
    TerritoryCatalog territories;

    @Inject
    OpenDataSettings settings;

    @Inject
    ThemeService themes;

    SheetTable table(String origin) {
        return new SheetTable(sheets.schema(), themeLabels(), territories, settings, origin);
    }

    private Map<Integer, String> themeLabels() {
        return themes.labels();
    }

    /** Gives rows to a sink, a page at a time. */
    @FunctionalInterface
    interface Rows {
        void each(RowPage page) throws IOException;
    }

    @FunctionalInterface
    interface RowPage {
        void accept(List<SheetRow> rows) throws IOException;
    }

    private void writeCsv(OutputStream out, SheetTable table, Rows rows) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        CSVPrinter printer = new CSVPrinter(writer, CSV);
        printer.printRecord(table.header());
        rows.each(page -> {
            for (SheetRow row : page) {
                printer.printRecord(table.cells(row));
            }
        });
        printer.flush();
    }

    /**
     * The whole result of a search as CSV, in the order of the search. It is checked before anything
     * is written, so that a malformed search is still answered 400; a search the page would correct
     * (no hit, a close word found) is corrected the same way, so that the file has the API's total.
     */
    public StreamingOutput searchCsv(SearchRequest request, String origin) throws InvalidSearchException, IOException {
        SearchResult counted = search.search(new SearchRequest(request.query(), request.filters(), request.sort(), 1, 0));
        String query = counted.correctedQuery() != null ? counted.correctedQuery() : request.query();
        SearchRequest all = new SearchRequest(query, request.filters(), request.sort(), 1, 0);
        SheetTable table = table(origin);
        return out -> writeCsv(out, table, page -> {
            try {
                search.scan(all, PublishedSheets.PAGE, slugs -> page.accept(published.rows(slugs)));
            } catch (InvalidSearchException e) {
                throw new IOException(e);
            }
        });
    }

    /** Every published sheet, in id order. */
    private void allRows(RowPage page) throws IOException {
        long after = 0;
        while (true) {
            List<SheetRow> rows = published.after(after);
            if (rows.isEmpty()) {
                return;
            }
            page.accept(rows);
            after = rows.get(rows.size() - 1).id();
        }
    }

    public void dumpCsv(OutputStream out, String origin) throws IOException {
        writeCsv(out, table(origin), this::allRows);
    }

    /** Every published sheet as a JSON array: the CSV's columns, plus the front matter and the Markdown text. */
    public void dumpJson(OutputStream out, String origin) throws IOException {
        SheetTable table = table(origin);
        List<SheetTable.Column> columns = table.columns();
        try (JsonGenerator json = jakarta.json.Json.createGenerator(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
            json.writeStartArray();
            allRows(page -> {
                for (SheetRow row : page) {
                    json.writeStartObject();
                    for (SheetTable.Column column : columns) {
                        String value = column.value().apply(table, row);
                        if (value == null || value.isEmpty()) {
                            json.writeNull(column.name());
                        } else if (column.type().equals("year")) {
                            json.write(column.name(), Integer.parseInt(value));
                        } else {
                            json.write(column.name(), value);
                        }
                    }
                    json.write("revision", row.revision());
                    json.write("fields", row.fields());
                    json.write("markdown", row.source());
                    json.writeEnd();
                }
                json.flush();
            });
            json.writeEnd();
        }
    }

    /**
     * The published text of every published sheet, in the {@code content/} format that an import reads
     * back, with a note on the licences (an import ignores it): a sheet without a {@code licence}
     * field is under the default one, which its file does not say.
     */
    public void dumpZip(OutputStream out, String origin) throws IOException {
        Licence licence = settings.getDefaultLicence();
        CorpusZip.write(out, sink -> {
            sink.put("LICENCE.md", "# Licence\n\nLes fiches de ce corpus sont publiées par " + settings.getPublisherName()
                    + " (" + origin + "/donnees) sous la " + licence.getLabel() + " (" + licence.getUrl() + "), sauf celles "
                    + "dont l'en-tête nomme une autre licence (champ `licence`).\n\nMention de la source : "
                    + settings.getPublisherName() + ", " + origin + "/fiches/{identifiant}, et la date de dernière mise à "
                    + "jour de la fiche.\n");
            writeSheets(sink);
        });
    }

    private void writeSheets(CorpusExporter.FileSink sink) throws IOException {
        allRows(page -> {
            for (SheetRow row : page) {
                // the path the corpus reader expects for a sheet's current text
                sink.put("fiches/" + row.slug() + ".md", row.source());
            }
        });
    }

    public JsonObject tableSchema(String origin) {
        return table(origin).tableSchema(published.version().at());
    }

    /** A download described in the catalogue. */
    record Distribution(String file, String title, String mediaType, String format, boolean tabular) {
    }

    static final List<Distribution> DISTRIBUTIONS = List.of(
            new Distribution("fiches.csv", "Fiches publiées (CSV, une ligne par fiche)", CSV_TYPE, "CSV", true),
            new Distribution("fiches.json", "Fiches publiées (JSON, avec le texte en Markdown)", "application/json", "JSON", false),
            new Distribution("fiches.zip", "Corpus des fiches publiées (Markdown avec en-tête YAML, format content/)",
                    "application/zip", "ZIP", false));

    /** The DCAT-AP catalogue (JSON-LD) that data.gouv.fr harvests. */
    public JsonObject catalogue(String origin) {
        OffsetDateTime modified = published.version().at().withOffsetSameInstant(ZoneOffset.UTC);
        JsonObject date = typed(modified.toString(), "xsd:dateTime");
        JsonObject licence = id(settings.getDefaultLicence().getUrl());
        JsonObject publisher = JsonFields.JSON.createObjectBuilder()
                .add("@id", origin + "/mentions-legales#editeur")
                .add("@type", "foaf:Organization")
                .add("foaf:name", settings.getPublisherName())
                .add("foaf:mbox", id("mailto:" + settings.getPublisherEmail()))
                .build();
        JsonArrayBuilder distributions = JsonFields.JSON.createArrayBuilder();
        for (Distribution d : DISTRIBUTIONS) {
            String url = origin + "/donnees/" + d.file();
            JsonObjectBuilder distribution = JsonFields.JSON.createObjectBuilder()
                    .add("@id", url)
                    .add("@type", "dcat:Distribution")
                    .add("dct:title", d.title())
                    .add("dcat:downloadURL", id(url))
                    .add("dcat:accessURL", id(url))
                    .add("dcat:mediaType", id("https://www.iana.org/assignments/media-types/" + d.mediaType()))
                    .add("dct:format", d.format())
                    .add("dct:license", licence)
                    .add("dct:modified", date);
            if (d.tabular()) {
                distribution.add("dct:conformsTo", id(origin + "/donnees/schema.json"));
            }
            distributions.add(distribution);
        }
        JsonArrayBuilder keywords = JsonFields.JSON.createArrayBuilder();
        themeLabels().values().stream().sorted().forEach(keywords::add);
        keywords.add("services publics").add("territoires").add("innovation territoriale");
        JsonObject dataset = JsonFields.JSON.createObjectBuilder()
                .add("@id", origin + "/donnees#fiches")
                .add("@type", "dcat:Dataset")
                .add("dct:identifier", "essaim-fiches")
                .add("dct:title", "Essaim : expériences, méthodes et innovations des services publics territoriaux")
                .add("dct:description", "Fiches expérience, vade-mecums, cartes innovation et notions sur l'accès aux services "
                        + "publics dans les territoires, classées par bouquets de services (ADRETS) et par territoires (code "
                        + "officiel géographique). Chaque fiche indique sa licence (par défaut "
                        + settings.getDefaultLicence().getLabel() + "), ses sources et la date de ses informations.")
                .add("dcat:keyword", keywords)
                .add("dct:language", id("http://publications.europa.eu/resource/authority/language/FRA"))
                .add("dct:spatial", id("http://publications.europa.eu/resource/authority/country/FRA"))
                .add("dct:publisher", publisher)
                .add("dcat:contactPoint", JsonFields.JSON.createObjectBuilder().add("@type", "vcard:Organization")
                        .add("vcard:fn", settings.getPublisherName())
                        .add("vcard:hasEmail", id("mailto:" + settings.getPublisherEmail())))
                .add("dct:license", licence)
                .add("dct:modified", date)
                .add("dct:accrualPeriodicity", id("http://publications.europa.eu/resource/authority/frequency/CONT"))
                .add("dcat:landingPage", id(origin + "/donnees"))
                .add("dcat:distribution", distributions)
                .build();
        return JsonFields.JSON.createObjectBuilder()
                .add("@context", JsonFields.JSON.createObjectBuilder()
                        .add("dcat", "http://www.w3.org/ns/dcat#")
                        .add("dct", "http://purl.org/dc/terms/")
                        .add("foaf", "http://xmlns.com/foaf/0.1/")
                        .add("vcard", "http://www.w3.org/2006/vcard/ns#")
                        .add("xsd", "http://www.w3.org/2001/XMLSchema#"))
                .add("@id", origin + "/donnees/catalogue.jsonld")
                .add("@type", "dcat:Catalog")
                .add("dct:title", "Catalogue des données ouvertes d'Essaim")
                .add("dct:description", "Les fiches publiées d'Essaim en téléchargement, décrites en DCAT-AP.")
                .add("dct:language", id("http://publications.europa.eu/resource/authority/language/FRA"))
                .add("dct:publisher", publisher)
                .add("dct:license", licence)
                .add("dct:modified", date)
                .add("foaf:homepage", id(origin + "/"))
                .add("dcat:dataset", JsonFields.JSON.createArrayBuilder().add(dataset))
                .build();
    }

    private static JsonObject id(String iri) {
        return JsonFields.JSON.createObjectBuilder().add("@id", iri).build();
    }

    private static JsonObject typed(String value, String type) {
        return JsonFields.JSON.createObjectBuilder().add("@value", value).add("@type", type).build();
    }
}
