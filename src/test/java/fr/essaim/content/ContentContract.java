package fr.essaim.content;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import fr.essaim.infra.DatabaseMigration;
import fr.essaim.theme.ThemeService;
import fr.essaim.content.ImportReport.Outcome;
import fr.essaim.sheet.PublishedText;
import fr.essaim.sheet.References;
import fr.essaim.sheet.Revision;
import fr.essaim.sheet.SaveResult;
import fr.essaim.sheet.SheetService;
import fr.essaim.support.ResourceLocalJpa;
import fr.essaim.support.SheetBeans;
import fr.essaim.territory.TerritoryCatalog;
import fr.essaim.territory.TerritoryFile;

/** The corpus moves in and out of Essaim without loss, on each database Essaim runs on. */
abstract class ContentContract {

    private static final Path CONTENT = Path.of(System.getProperty("essaim.content.dir", "content"));
    private static final TerritoryCatalog TERRITORIES = new TerritoryCatalog(TerritoryFile.fromClasspath());

    private ResourceLocalJpa jpa;

    /** An empty database, new for each call. */
    abstract DataSource emptyDatabase() throws Exception;

    /** A running Essaim on an empty, migrated database. */
    private final class Essaim {
        final DataSource dataSource;
        final SheetBeans beans;
        final SheetService sheets;
        final CorpusImporter importer;
        final CorpusExporter exporter;
        final YesWikiImporter yesWiki;

        Essaim() throws Exception {
            dataSource = emptyDatabase();
            DatabaseMigration.migrate(dataSource);
            if (jpa != null) {
                jpa.close();
            }
            jpa = new ResourceLocalJpa(dataSource);
            beans = new SheetBeans(jpa, new References(TERRITORIES, new ThemeService()));
            sheets = beans.sheets;
            importer = new CorpusImporter(sheets, beans.imports);
            exporter = new CorpusExporter(sheets);
            yesWiki = new YesWikiImporter(sheets, beans.imports, beans.links, new ThemeService());
        }

        ImportReport importZip(byte[] zip) throws ContentException {
            CorpusReader.Result read = CorpusReader.readZip(zip, CorpusReader.Limits.DEFAULT);
            return importer.importCorpus(read.corpus(), read.report(), "admin");
        }
    }

    @AfterEach
    void close() {
        if (jpa != null) {
            jpa.close();
        }
    }

    private static Map<String, List<String>> refusals(ImportReport report) {
        return report.entries().stream().filter(e -> e.outcome() == Outcome.REFUSED)
                .collect(Collectors.toMap(ImportReport.Entry::path, ImportReport.Entry::reasons));
    }

    @Test
    void exportImportExportGivesByteIdenticalFilesForTheWholeCorpus() throws Exception {
        Essaim first = new Essaim();
        CorpusReader.Result read = CorpusReader.readFolder(CONTENT);
        ImportReport loaded = first.importer.importCorpus(read.corpus(), read.report(), "import");
        assertEquals(Map.of(), refusals(loaded));
        long sheetCount = read.corpus().sheetFiles().size();
        assertEquals(sheetCount, loaded.count(Outcome.IMPORTED));
        // Some history beyond the corpus: a pending revision and a sheet never published.
        String slug = "zirondaile-halte-garderie-itinerante";
        Revision published = first.sheets.findPublished(slug).orElseThrow();
        assertInstanceOf(SaveResult.Saved.class, first.beans.workflow.save(slug, published.getNumber(),
                published.getSource().replace("## Résultats", "## Résultats\n\nUne précision « entre guillemets ».\n"),
                SheetBeans.contributor("relectrice"), "précision\tavec \"guillemets\" et accents éèà"));
        assertInstanceOf(SaveResult.Saved.class, first.beans.workflow.create(
                Files.readString(CONTENT.resolve("fiches/" + slug + ".md")).replace("title: \"Zirond'aile", "title: \"Brouillon Zirond'aile"),
                SheetBeans.contributor("auteur"), null));

        byte[] exported = CorpusZip.zip(first.exporter.export());
        Essaim second = new Essaim();
        ImportReport reimported = second.importZip(exported);
        byte[] exportedAgain = CorpusZip.zip(second.exporter.export());

        assertEquals(Map.of(), refusals(reimported));
        assertEquals(sheetCount + 1, reimported.count(Outcome.IMPORTED));
        assertArrayEquals(exported, exportedAgain, "export → import → export gives the same bytes");
        assertEquals(2, second.sheets.history(slug).size());
        assertEquals(1, second.sheets.findPublished(slug).orElseThrow().getNumber(), "the pending revision stays pending");
        assertTrue(second.sheets.findPublished("brouillon-zirondaile-une-halte-garderie-itinerante-en-lorraine-rurale").isEmpty(),
                "a draft stays a draft");
        assertEquals(OffsetDateTime.parse("2019-01-31T15:05:00+01:00").toInstant(),
                second.sheets.findRevision("classification-des-18-bouquets-de-services", 1).orElseThrow().getCreatedAt().toInstant(),
                "the wiki's creation date is the first revision's date");
        assertEquals("litinerance-des-services", second.beans.links.resolveAlias("LItineranceDesServices").orElseThrow());
    }

    /**
     * The first-start bulk import and the single import write the same rows for the same sheets:
     * the sheet and its title key, the revision, its links, the old names, the workflow event of
     * the publication and the change log.
     */
    @Test
    void theBulkImportWritesTheRowsOfTheSingleImport(@org.junit.jupiter.api.io.TempDir Path folder) throws Exception {
        List<Path> files = new java.util.ArrayList<>();
        Files.createDirectories(folder.resolve(Corpus.SHEETS));
        try (var corpus = Files.list(CONTENT.resolve(Corpus.SHEETS))) {
            for (Path file : corpus.sorted().toList()) {
                if (!Files.exists(CONTENT.resolve(Corpus.historyPath(BulkImport.slugOf(file))))) {
                    files.add(Files.copy(file, folder.resolve(Corpus.SHEETS).resolve(file.getFileName())));
                }
            }
        }
        Essaim bulk = new Essaim();
        ImportReport bulkReport = new ImportReport();
        List<PublishedText> handedOver = new java.util.ArrayList<>();
        new BulkImport(bulk.dataSource, bulk.beans.repository, bulk.sheets.schema(), new References(TERRITORIES, new ThemeService()), "import")
                .run(folder, files, bulkReport, refused -> org.junit.jupiter.api.Assertions.fail("batch refused: " + refused),
                        handedOver::addAll);
        List<PublishedText> readBack = inUtc(bulk.sheets.publishedTexts(Long.MIN_VALUE, files.size() + 1));
        Essaim single = new Essaim();
        CorpusReader.Result read = CorpusReader.readFolder(folder);
        ImportReport singleReport = single.importer.importCorpus(read.corpus(), read.report(), "import");

        assertTrue(files.size() > 50, "most of the corpus has no history");
        assertEquals(Map.of(), refusals(bulkReport));
        assertEquals(files.size(), bulkReport.count(Outcome.IMPORTED));
        assertEquals(files.size(), singleReport.count(Outcome.IMPORTED));
        Map<String, List<String>> bulkRows = rows(bulk.dataSource);
        Map<String, List<String>> singleRows = rows(single.dataSource);
        for (String table : singleRows.keySet()) {
            assertEquals(singleRows.get(table), bulkRows.get(table), table);
        }
        assertEquals(files.size(), bulkRows.get("workflow_event").size(), "each publication recorded");
        assertEquals(files.size(), bulkRows.get("change_log").size(), "each publication in the change log");
        // The first start indexes what is handed over: exactly what a rebuild of the index reads back.
        assertEquals(readBack, inUtc(handedOver));
        // With the text of each sheet as the index would read it from that HTML.
        for (PublishedText sheet : handedOver) {
            assertEquals(org.jsoup.Jsoup.parse(sheet.html()).text(), sheet.text(), sheet.slug());
        }
    }

    /** As the database gives them back: in UTC, without the text only the bulk import knows. */
    private static List<PublishedText> inUtc(List<PublishedText> texts) {
        return texts.stream().sorted(java.util.Comparator.comparingLong(PublishedText::id))
                .map(t -> new PublishedText(t.id(), t.slug(), t.kind(), t.title(), t.summary(), t.html(), t.fieldsJson(),
                        t.updated().withOffsetSameInstant(java.time.ZoneOffset.UTC)))
                .toList();
    }

    /** What the two import paths must write alike, table by table, without ids, times or numbering. */
    private static Map<String, List<String>> rows(DataSource dataSource) throws java.sql.SQLException {
        Map<String, String> queries = new java.util.LinkedHashMap<>();
        queries.put("sheet", "select s.slug, s.kind, s.state, s.title, s.title_key, s.latest_revision, p.number, "
                + "s.pending_revision_id from sheet s left join revision p on p.id = s.published_revision_id");
        queries.put("revision", "select s.slug, r.number, r.source, r.kind, r.title, r.summary, r.fields_json, r.html, "
                + "r.author, r.comment, r.review_state from revision r join sheet s on s.id = r.sheet_id");
        queries.put("revision_link", "select s.slug, r.number, l.target_slug from revision_link l "
                + "join revision r on r.id = l.revision_id join sheet s on s.id = r.sheet_id");
        queries.put("sheet_alias", "select s.slug, a.alias from sheet_alias a join sheet s on s.id = a.sheet_id");
        queries.put("workflow_event", "select s.slug, e.revision_number, e.from_state, e.to_state, e.actor, e.comment "
                + "from workflow_event e join sheet s on s.id = e.sheet_id");
        queries.put("change_log", "select slug from change_log");
        Map<String, List<String>> rows = new java.util.LinkedHashMap<>();
        try (java.sql.Connection connection = dataSource.getConnection(); java.sql.Statement sql = connection.createStatement()) {
            for (var query : queries.entrySet()) {
                List<String> table = new java.util.ArrayList<>();
                try (java.sql.ResultSet result = sql.executeQuery(query.getValue())) {
                    int columns = result.getMetaData().getColumnCount();
                    while (result.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= columns; i++) {
                            row.append(i > 1 ? " | " : "").append(result.getString(i));
                        }
                        table.add(row.toString());
                    }
                }
                table.sort(null);
                rows.put(query.getKey(), table);
            }
        }
        return rows;
    }

    @Test
    void aZipImportReportsEachFileAndKeepsTheValidOnes(@org.junit.jupiter.api.io.TempDir Path folder) throws Exception {
        Essaim essaim = new Essaim();
        Corpus corpus = new Corpus();
        String valid = Files.readString(CONTENT.resolve("fiches/solidart-maurienne.md"), StandardCharsets.UTF_8);
        corpus.put("fiches/solidart-maurienne.md", valid);
        corpus.put("fiches/statut-invalide.md", valid.replaceFirst("\nthemes:", "\nstatus: en cours\nthemes:"));
        corpus.put("fiches/territoire-inconnu.md", valid.replaceFirst("territories: \\[[^]]*]", "territories: [commune:99999]"));
        corpus.put("historique/orpheline.yml", "revisions:\n  - number: 1\n");
        ImportReport report = essaim.importZip(CorpusZip.zip(corpus));

        assertEquals(1, report.count(Outcome.IMPORTED));
        Map<String, List<String>> refused = refusals(report);
        assertTrue(refused.get("fiches/statut-invalide.md").get(0).contains("« en cours » n'est pas une valeur admise"), refused.toString());
        assertTrue(refused.get("fiches/territoire-inconnu.md").get(0).contains("territoire inconnu : « commune:99999 »"));
        assertTrue(refused.get("historique/orpheline.yml").get(0).contains("historique sans fiche"));

        Corpus again = new Corpus();
        again.put("fiches/solidart-maurienne.md", valid);
        again.put("fiches/zirondaile-halte-garderie-itinerante.md",
                Files.readString(CONTENT.resolve("fiches/zirondaile-halte-garderie-itinerante.md")));
        ImportReport second = essaim.importZip(CorpusZip.zip(again));
        assertEquals(1, second.count(Outcome.UNCHANGED));
        assertEquals(1, second.count(Outcome.IMPORTED));

        Corpus changed = new Corpus();
        changed.put("fiches/solidart-maurienne.md", valid.replace("## Contexte", "## Contexte\n\nMise à jour.\n"));
        assertEquals(1, essaim.importZip(CorpusZip.zip(changed)).count(Outcome.UPDATED));
        Revision current = essaim.sheets.findPublished("solidart-maurienne").orElseThrow();
        assertEquals(2, current.getNumber());
        assertTrue(current.getSource().contains("Mise à jour."));
    }

    @Test
    void aYesWikiBazarExportComesInWithItsWikiNamesDatesAndCleanText() throws Exception {
        Essaim essaim = new Essaim();
        String json = readResource("yeswiki/services-entries.json");

        ImportReport report = essaim.yesWiki.importEntries(json, "admin");

        assertEquals(Map.of(), refusals(report));
        assertEquals(5, report.count(Outcome.IMPORTED), report.entries().toString());
        String slug = essaim.beans.links.resolveAlias("LItineranceDesServices").orElseThrow();
        assertEquals("litinerance-des-services", slug);
        Revision itinerance = essaim.sheets.findPublished(slug).orElseThrow();
        assertEquals("L'itinérance des services", itinerance.getTitle());
        assertTrue(itinerance.getSource().contains("themes:\n- 1\n- 9\n- 15"), itinerance.getSource());
        assertTrue(itinerance.getSummary().length() > 20);
        String continuite = essaim.beans.links.resolveAlias("LePrincipeDeContinuiteDuServicePublic").orElseThrow();
        Revision principle = essaim.sheets.findPublished(continuite).orElseThrow();
        assertEquals(OffsetDateTime.parse("2019-01-23T17:54:08+01:00").toInstant(), principle.getCreatedAt().toInstant());
        assertTrue(principle.getHtml().contains("<strong>valeur constitutionnelle</strong>"), principle.getHtml());
        assertTrue(principle.getSource().contains("Wiki YesWiki"), "an entry without source cites the wiki");
        String classification = essaim.beans.links.resolveAlias("ClassificationDes18BouquetsDeServices").orElseThrow();
        Revision withScript = essaim.sheets.findPublished(classification).orElseThrow();
        assertFalse(withScript.getSource().contains("<script"), withScript.getSource());
        assertFalse(withScript.getHtml().contains("<script"));
        String mutualisation = essaim.beans.links.resolveAlias("EtrePlusEfficientParLaMutualisation").orElseThrow();
        assertFalse(essaim.sheets.findPublished(mutualisation).orElseThrow().getSource().contains("onclick"));

        ImportReport again = essaim.yesWiki.importEntries(json, "admin");
        assertEquals(5, again.count(Outcome.UNCHANGED), again.entries().toString());
    }

    @Test
    void aYesWikiImportSaysEveryValueItHadToReplaceOrLeaveOut() throws Exception {
        Essaim essaim = new Essaim();
        String json = """
                {"UneFicheApproximative": {"id_fiche": "UneFicheApproximative", "bf_titre": "Une fiche approximative",
                 "bf_contenu": "<p>Un texte.</p>", "checkboxListeThemes": "6,99,abc",
                 "date_creation_fiche": "2019-13-45 25:61:00"}}
                """;

        ImportReport report = essaim.yesWiki.importEntries(json, "admin");

        ImportReport.Entry entry = report.entries().get(0);
        assertEquals(Outcome.IMPORTED, entry.outcome());
        assertEquals(List.of("thème « 99 » inconnu : laissé de côté", "thème « abc » inconnu : laissé de côté",
                "date_creation_fiche « 2019-13-45 25:61:00 » illisible (attendu AAAA-MM-JJ HH:MM:SS) : date de l'import retenue"),
                entry.reasons());
        String slug = essaim.beans.links.resolveAlias("UneFicheApproximative").orElseThrow();
        assertTrue(essaim.sheets.findPublished(slug).orElseThrow().getSource().contains("themes:\n- 6\n"));
    }

    @Test
    void aYesWikiFileThatIsNotAnExportIsRefusedWithAClearMessage() throws Exception {
        Essaim essaim = new Essaim();
        ContentException notAnObject = org.junit.jupiter.api.Assertions.assertThrows(ContentException.class,
                () -> essaim.yesWiki.importEntries("[1, 2]", "admin"));
        assertTrue(notAnObject.getMessage().contains("objet JSON"));
        ContentException broken = org.junit.jupiter.api.Assertions.assertThrows(ContentException.class,
                () -> essaim.yesWiki.importEntries("{\"a\": ", "admin"));
        assertTrue(broken.getMessage().startsWith("JSON illisible"));
        assertFalse(broken.getMessage().matches(".*[A-Z][a-z]+ (expected|unexpected|token).*"), "no parser message: " + broken.getMessage());
    }

    @Test
    void deepNestingInAYesWikiExportIsRefusedInFrenchLikeTheMarkdownPath() throws Exception {
        Essaim essaim = new Essaim();
        String quotes = "<blockquote>".repeat(3_000) + "profond" + "</blockquote>".repeat(3_000);
        String lists = "<ul><li>".repeat(3_000) + "profond" + "</li></ul>".repeat(3_000);
        String json = "{\"Citations\": {\"id_fiche\": \"Citations\", \"bf_titre\": \"Citations imbriquées\", \"bf_contenu\": \""
                + quotes + "\"}, \"Listes\": {\"id_fiche\": \"Listes\", \"bf_titre\": \"Listes imbriquées\", \"bf_contenu\": \""
                + lists + "\"}, \"Plate\": {\"id_fiche\": \"Plate\", \"bf_titre\": \"Une fiche plate\", "
                + "\"bf_contenu\": \"<blockquote><ul><li>Deux niveaux suffisent.</li></ul></blockquote>\"}}";

        ImportReport report = essaim.yesWiki.importEntries(json, "admin");

        String reason = "champ « bf_contenu » : listes, citations ou blocs imbriqués sur plus de 32 niveaux";
        assertEquals(Map.of("yeswiki:Citations", List.of(reason), "yeswiki:Listes", List.of(reason)), refusals(report));
        assertEquals(1, report.count(Outcome.IMPORTED), "the other entries still come in");

        for (int depth : new int[] {50_000, 100_000}) {
            for (String[] brackets : new String[][] {{"[", "]"}, {"{\"a\": ", "}"}}) {
                String deep = "{\"a\": " + brackets[0].repeat(depth) + "1" + brackets[1].repeat(depth) + "}";
                ContentException refused = org.junit.jupiter.api.Assertions.assertThrows(ContentException.class,
                        () -> essaim.yesWiki.importEntries(deep, "admin"));
                assertTrue(refused.getMessage().startsWith("export YesWiki refusé : objets ou listes imbriqués sur plus de 64 niveaux"),
                        refused.getMessage());
            }
        }
    }

    @Test
    void aYamlNanOrInfinityIsRefusedInFrenchWithItsFieldNeverWithAJavaMessage() throws Exception {
        Essaim essaim = new Essaim();
        String valid = Files.readString(CONTENT.resolve("fiches/solidart-maurienne.md"), StandardCharsets.UTF_8);
        Corpus corpus = new Corpus();
        corpus.put("fiches/annee-nan.md", valid.replaceFirst("year: 2013", "year: .nan"));
        corpus.put("fiches/annee-infinie.md", valid.replaceFirst("year: 2013", "year: -.inf"));

        Map<String, List<String>> refused = refusals(essaim.importZip(CorpusZip.zip(corpus)));

        assertEquals(List.of("sources[1].year : « .nan » (pas un nombre) n'est pas une valeur possible : "
                + "écrivez un nombre, ou le texte entre guillemets"), refused.get("fiches/annee-nan.md"), refused.toString());
        assertEquals(List.of("sources[1].year : « .inf » (l'infini) n'est pas une valeur possible : "
                + "écrivez un nombre, ou le texte entre guillemets"), refused.get("fiches/annee-infinie.md"), refused.toString());
    }

    private static String readResource(String name) throws IOException {
        try (var in = ContentContract.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
