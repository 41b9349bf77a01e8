package fr.essaim.web;

import static fr.essaim.support.Api.ADMIN;
import static fr.essaim.support.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import fr.essaim.support.Api;
import fr.essaim.support.Deployed;

/**
 * The administrators' import and export, over HTTP, on a real Payara Micro. The exports run first,
 * on the corpus alone, so that they can be checked sheet by sheet before the imports add to it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminContentIT {

    private static final Path CONTENT = Path.of(System.getProperty("essaim.content.dir", "content"));

    @ArquillianResource
    private URL base;

    private Api api;

    @BeforeEach
    void awaitReady() throws Exception {
        api = Api.ready(base);
    }

    @Deployment(testable = false)
    static WebArchive application() throws InterruptedException {
        return Deployed.application();
    }

    private HttpResponse<String> post(String path, String contentType, byte[] body, String authorization) throws Exception {
        return api.send("POST", path, authorization, contentType, body);
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        return api.send("GET", path, authorization, null, (byte[]) null);
    }

    private static List<String> zipNames(byte[] zip) throws Exception {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                names.add(entry.getName());
            }
        }
        return names;
    }

    private static List<String> sheetFiles(List<String> names) {
        return names.stream().filter(n -> n.startsWith("fiches/")).sorted().toList();
    }

    @Test
    void theExportNeedsAnAdministrator() throws Exception {
        HttpResponse<byte[]> anonymous = api.bytes("api/v1/export", null);
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Basic"));
        assertTrue(new String(anonymous.body(), StandardCharsets.UTF_8).contains("Identification requise"));

        assertEquals(401, api.bytes("api/v1/export", Api.basic("admin", "mauvais-mot-de-passe")).statusCode());
    }

    @Test
    @Order(1)
    void anAdministratorExportsEverySheetWithItsHistory() throws Exception {
        HttpResponse<byte[]> response = api.bytes("api/v1/export", ADMIN);

        assertEquals(200, response.statusCode());
        assertEquals("application/zip", response.headers().firstValue("Content-Type").orElseThrow());
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(response.body()))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                names.add(entry.getName());
            }
        }
        List<String> corpus;
        try (var files = Files.list(CONTENT.resolve("fiches"))) {
            corpus = files.map(file -> "fiches/" + file.getFileName()).sorted().toList();
        }
        assertEquals(corpus, sheetFiles(names), "the export holds the sheets of the corpus, no more, no less");
        assertTrue(names.contains("historique/classification-des-18-bouquets-de-services.yml"));
    }

    @Test
    @Order(2)
    void anAdministratorExportsASelection() throws Exception {
        String selection = "territory=departement:05&kind=experience";
        HttpResponse<byte[]> response = api.bytes("api/v1/export?" + selection, ADMIN);

        assertEquals(200, response.statusCode());
        List<String> names = zipNames(response.body());
        assertTrue(names.contains("fiches/cyber-queyras-atelier-nomade.md"), names.toString());
        assertTrue(names.stream().noneMatch(n -> n.contains("zirondaile")), "a sheet of Meurthe-et-Moselle is left out");
        List<String> found = Api.json(get("api/v1/search?size=100&" + selection, null)).getJsonArray("hits").stream()
                .map(hit -> "fiches/" + hit.asJsonObject().getString("slug") + ".md").sorted().toList();
        assertEquals(found, sheetFiles(names), "the export holds the sheets the same search finds");
    }

    @Test
    void anArchiveImportAnswersAReportFileByFile() throws Exception {
        String valid = Files.readString(CONTENT.resolve("fiches/solidart-maurienne.md"))
                .replace("Solid'Art Maurienne,", "Solid'Art Maurienne (copie importée),");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("fiches/copie-importee.md"));
            zip.write(valid.getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("fiches/invalide.md"));
            zip.write(valid.replaceFirst("\nthemes:", "\nstatus: en cours\nthemes:").getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("../../evasion.md"));
            zip.write(valid.getBytes(StandardCharsets.UTF_8));
        }

        HttpResponse<String> anonymous = post("api/v1/import", "application/zip", bytes.toByteArray(), null);
        assertEquals(401, anonymous.statusCode());
        HttpResponse<String> response = post("api/v1/import", "application/zip", bytes.toByteArray(), ADMIN);

        assertEquals(200, response.statusCode(), response.body());
        JsonObject report = json(response);
        assertEquals(1, report.getInt("imported"), response.body());
        assertEquals(2, report.getInt("refused"), response.body());
        assertTrue(response.body().contains("« en cours » n'est pas une valeur admise"));
        HttpResponse<String> sheet = get("api/v1/sheets/copie-importee", null);
        assertEquals(200, sheet.statusCode());
    }

    @Test
    void aYesWikiExportIsImportedAndItsWikiNamesLeadToTheSheets() throws Exception {
        byte[] export;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("yeswiki/services-entries.json")) {
            export = in.readAllBytes();
        }

        HttpResponse<String> response = post("api/v1/import", "application/json", export, ADMIN);

        assertEquals(200, response.statusCode(), response.body());
        JsonObject report = json(response);
        assertEquals(0, report.getInt("refused"), response.body());
        assertEquals(5, report.getInt("imported") + report.getInt("updated") + report.getInt("unchanged"));
        HttpResponse<String> moved = get("api/v1/sheets/LePrincipeDeContinuiteDuServicePublic", null);
        assertEquals(301, moved.statusCode());
    }

    @Test
    void badUploadsAreAnsweredWithAClearJsonMessage() throws Exception {
        HttpResponse<String> notAZip = post("api/v1/import", "application/zip", "pas une archive".getBytes(StandardCharsets.UTF_8), ADMIN);
        assertEquals(400, notAZip.statusCode());
        assertTrue(json(notAZip).getString("error").startsWith("archive zip illisible"));

        HttpResponse<String> wrongType = post("api/v1/import", "text/plain", "bonjour".getBytes(StandardCharsets.UTF_8), ADMIN);
        assertEquals(415, wrongType.statusCode());
        assertTrue(json(wrongType).getString("error").contains("archive zip"));

        HttpResponse<String> brokenJson = post("api/v1/import", "application/json", "{\"a\":".getBytes(StandardCharsets.UTF_8), ADMIN);
        assertEquals(400, brokenJson.statusCode());
        assertTrue(json(brokenJson).getString("error").startsWith("JSON illisible"));
    }

    // ----- imports and reindex followed from the administration

    /** A zip of {@code count} new, valid sheets whose slugs start with the prefix. */
    private static byte[] zipOfNewSheets(String prefix, int count) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 1; i <= count; i++) {
                zip.putNextEntry(new ZipEntry("fiches/" + prefix + "-" + i + ".md"));
                zip.write(WorkflowIT.sheet("Fiche importée " + prefix + " numéro " + i, "Texte importé numéro " + i + ".")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void aBackgroundImportTellsTheFilesDoneOutOfTheTotalThenTheReport() throws Exception {
        int count = 300;
        String prefix = "suivi-" + Long.toString(System.currentTimeMillis(), 36);
        byte[] archive = zipOfNewSheets(prefix, count);
        assertEquals(401, post("api/v1/imports", "application/zip", archive, null).statusCode());

        HttpResponse<String> started = post("api/v1/imports", "application/zip", archive, ADMIN);

        assertEquals(202, started.statusCode(), started.body());
        String status = started.headers().firstValue("Location").orElseThrow();
        assertTrue(status.endsWith("/api/v1/imports/" + json(started).getString("id")), status);
        List<Integer> seen = new ArrayList<>();
        AtomicReference<JsonObject> polledLast = new AtomicReference<>();
        Api.within(Duration.ofMinutes(5)).until(() -> {
            HttpResponse<String> polled = get(URI.create(status).getPath().substring(1), ADMIN);
            assertEquals(200, polled.statusCode(), polled.body());
            JsonObject job = json(polled.body());
            polledLast.set(job);
            assertTrue(job.getInt("done") <= job.getInt("total"), polled.body());
            if (!job.getString("state").equals("en-cours")) {
                return true;
            }
            if (job.getInt("total") > 0) {
                assertEquals(count, job.getInt("total"), "the total is known once the archive is read");
            }
            seen.add(job.getInt("done"));
            return false;
        });
        JsonObject last = polledLast.get();

        assertEquals("termine", last.getString("state"), last.toString());
        assertEquals(count, last.getInt("done"));
        assertEquals(count, last.getInt("total"));
        assertEquals(count, last.getInt("imported"), last.getString("summary"));
        assertEquals(count, last.getJsonArray("files").size());
        assertEquals("fiches/" + prefix + "-1.md", last.getJsonArray("files").getJsonObject(0).getString("path"));
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) >= seen.get(i - 1), "progress never goes back: " + seen);
        }
        assertTrue(seen.stream().anyMatch(done -> done > 0 && done < count), "progress seen on the way: " + seen);
        assertEquals(200, get("api/v1/sheets/" + prefix + "-" + count, null).statusCode());
    }

    @Test
    void aBackgroundImportOfABrokenFileEndsWithItsReasonAndUnknownJobsAre404() throws Exception {
        HttpResponse<String> started = post("api/v1/imports", "application/zip", "pas une archive".getBytes(StandardCharsets.UTF_8), ADMIN);
        assertEquals(202, started.statusCode(), started.body());
        String id = json(started).getString("id");
        AtomicReference<JsonObject> polled = new AtomicReference<>(json(started));
        Api.within(Duration.ofSeconds(30)).until(() -> {
            polled.set(json(get("api/v1/imports/" + id, ADMIN)));
            return !polled.get().getString("state").equals("en-cours");
        });
        JsonObject last = polled.get();
        assertEquals("echec", last.getString("state"), last.toString());
        assertTrue(last.getString("error").startsWith("archive zip illisible"), last.toString());

        HttpResponse<String> unknown = get("api/v1/imports/inconnu", ADMIN);
        assertEquals(404, unknown.statusCode());
        assertTrue(json(unknown).getString("error").contains("Aucun import"), unknown.body());
        assertEquals(401, get("api/v1/imports/" + id, null).statusCode());
    }

    @Test
    void aReindexTellsTheSheetsIndexedOutOfTheTotalUntilItsOwnRebuildIsOver() throws Exception {
        HttpResponse<String> asked = post("api/v1/admin/reindex", "application/json", new byte[0], ADMIN);
        assertEquals(202, asked.statusCode(), asked.body());
        long rebuild = json(asked).getJsonNumber("rebuild").longValue();
        AtomicReference<JsonObject> polled = new AtomicReference<>();
        Api.within(Duration.ofMinutes(2)).until(() -> {
            HttpResponse<String> status = get("api/v1/admin/status", ADMIN);
            assertEquals(200, status.statusCode(), status.body());
            JsonObject progress = json(status.body()).getJsonObject("index");
            polled.set(progress);
            assertTrue(progress.getInt("done") <= progress.getInt("total")
                    || progress.getJsonNumber("rebuildsDone").longValue() >= rebuild, progress.toString());
            return progress.getJsonNumber("rebuildsDone").longValue() >= rebuild;
        });
        JsonObject index = polled.get();

        assertEquals("pret", index.getString("state"), index.toString());
        long published = json(get("api/v1/search?size=0", null)).getInt("total");
        assertEquals(published, index.getInt("total"), "every published sheet indexed");
        assertEquals(index.getInt("total"), index.getInt("done"));
    }

    @Test
    void theAdministrationPageShowsTheImportProgressAndTheReport() throws Exception {
        String prefix = "page-" + Long.toString(System.currentTimeMillis(), 36);
        Path archive = Files.createTempFile(prefix, ".zip");
        Files.write(archive, zipOfNewSheets(prefix, 3));
        org.openqa.selenium.WebDriver browser = WorkflowIT.chromium();
        try {
            var wait = new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(60));
            browser.get(api.uri("connexion").toString());
            browser.findElement(org.openqa.selenium.By.id("nom")).sendKeys("admin");
            browser.findElement(org.openqa.selenium.By.id("motdepasse")).sendKeys(Api.ADMIN_PASSWORD);
            browser.findElement(org.openqa.selenium.By.id("seconnecter")).click();
            wait.until(org.openqa.selenium.support.ui.ExpectedConditions.not(
                    org.openqa.selenium.support.ui.ExpectedConditions.urlContains("connexion")));
            browser.get(api.uri("admin").toString());
            browser.findElement(org.openqa.selenium.By.id("fichier-import")).sendKeys(archive.toAbsolutePath().toString());
            browser.findElement(org.openqa.selenium.By.id("importer")).click();

            wait.until(org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated(
                    org.openqa.selenium.By.id("etat-import"), "Import terminé"));
            var bar = browser.findElement(org.openqa.selenium.By.id("progression-import"));
            assertEquals(bar.getAttribute("max"), bar.getAttribute("value"), "a full bar at the end");
            assertEquals("3", bar.getAttribute("max"), "the bar counts the files");
            String report = browser.findElement(org.openqa.selenium.By.id("rapport-import")).getText();
            for (int i = 1; i <= 3; i++) {
                assertTrue(report.contains("fiches/" + prefix + "-" + i + ".md"), report);
            }
            assertTrue(report.contains("importée"), report);
        } finally {
            browser.quit();
            Files.deleteIfExists(archive);
        }
    }
}
