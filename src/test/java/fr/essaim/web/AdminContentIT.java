package fr.essaim.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import fr.essaim.support.Deployed;
import fr.essaim.support.Ready;

/** The administrators' import and export, over HTTP, on a real Payara Micro. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminContentIT {

    /** Set for the tests in the build (ESSAIM_ADMIN_PASSWORD of the failsafe configuration). */
    private static final String ADMIN = basic("admin", "mot-de-passe-des-tests");
    private static final Path CONTENT = Path.of(System.getProperty("essaim.content.dir", "content"));

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @ArquillianResource
    private URL base;

    @BeforeEach
    void awaitReady() throws Exception {
        Ready.await(base);
    }

    @Deployment(testable = false)
    static WebArchive application() throws InterruptedException {
        return Deployed.application();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private URI uri(String path) {
        return URI.create(base.toString()).resolve(path);
    }

    private HttpResponse<byte[]> export(String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("api/v1/export")).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<String> post(String path, String contentType, byte[] body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    @Test
    void theExportNeedsAnAdministrator() throws Exception {
        HttpResponse<byte[]> anonymous = export();
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Basic"));
        assertTrue(new String(anonymous.body(), StandardCharsets.UTF_8).contains("Identification requise"));

        assertEquals(401, export("Authorization", basic("admin", "mauvais-mot-de-passe")).statusCode());
    }

    @Test
    void anAdministratorExportsEverySheetWithItsHistory() throws Exception {
        HttpResponse<byte[]> response = export("Authorization", ADMIN);

        assertEquals(200, response.statusCode());
        assertEquals("application/zip", response.headers().firstValue("Content-Type").orElseThrow());
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(response.body()))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                names.add(entry.getName());
            }
        }
        long sheetsInCorpus;
        try (var files = Files.list(CONTENT.resolve("fiches"))) {
            sheetsInCorpus = files.count();
        }
        assertTrue(names.stream().filter(n -> n.startsWith("fiches/")).count() >= sheetsInCorpus, names.toString());
        assertTrue(names.contains("historique/classification-des-18-bouquets-de-services.yml"));
    }

    @Test
    void anAdministratorExportsASelection() throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri("api/v1/export?territory=departement:05&kind=experience"))
                .header("Authorization", ADMIN).build(), HttpResponse.BodyHandlers.ofByteArray());
        // The index is built in the background at first start: the selection may need a moment.
        for (int i = 0; i < 100 && response.statusCode() == 200 && zipNames(response.body()).isEmpty(); i++) {
            Thread.sleep(200);
            response = http.send(HttpRequest.newBuilder(uri("api/v1/export?territory=departement:05&kind=experience"))
                    .header("Authorization", ADMIN).build(), HttpResponse.BodyHandlers.ofByteArray());
        }

        assertEquals(200, response.statusCode());
        List<String> names = zipNames(response.body());
        assertTrue(names.contains("fiches/cyber-queyras-atelier-nomade.md"), names.toString());
        assertTrue(names.stream().noneMatch(n -> n.contains("zirondaile")), "a sheet of Meurthe-et-Moselle is left out");
        assertTrue(names.stream().filter(n -> n.startsWith("fiches/")).count() < 20);
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
        JsonObject report = json(response.body());
        assertEquals(1, report.getInt("imported") + report.getInt("unchanged"), response.body());
        assertEquals(2, report.getInt("refused"), response.body());
        assertTrue(response.body().contains("« en cours » n'est pas une valeur admise"));
        HttpResponse<String> sheet = http.send(HttpRequest.newBuilder(uri("api/v1/sheets/copie-importee")).build(),
                HttpResponse.BodyHandlers.ofString());
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
        JsonObject report = json(response.body());
        assertEquals(0, report.getInt("refused"), response.body());
        assertEquals(5, report.getInt("imported") + report.getInt("updated") + report.getInt("unchanged"));
        HttpResponse<String> moved = http.send(HttpRequest.newBuilder(uri("api/v1/sheets/LePrincipeDeContinuiteDuServicePublic")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(301, moved.statusCode());
    }

    @Test
    void badUploadsAreAnsweredWithAClearJsonMessage() throws Exception {
        HttpResponse<String> notAZip = post("api/v1/import", "application/zip", "pas une archive".getBytes(StandardCharsets.UTF_8), ADMIN);
        assertEquals(400, notAZip.statusCode());
        assertTrue(json(notAZip.body()).getString("error").startsWith("archive zip illisible"));

        HttpResponse<String> wrongType = post("api/v1/import", "text/plain", "bonjour".getBytes(StandardCharsets.UTF_8), ADMIN);
        assertEquals(415, wrongType.statusCode());
        assertTrue(json(wrongType.body()).getString("error").contains("archive zip"));

        HttpResponse<String> brokenJson = post("api/v1/import", "application/json", "{\"a\":".getBytes(StandardCharsets.UTF_8), ADMIN);
        assertEquals(400, brokenJson.statusCode());
        assertTrue(json(brokenJson.body()).getString("error").startsWith("JSON illisible"));
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

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
        assertTrue(status.endsWith("/api/v1/imports/" + json(started.body()).getString("id")), status);
        List<Integer> seen = new ArrayList<>();
        JsonObject last;
        long deadline = System.nanoTime() + 300_000_000_000L;
        do {
            HttpResponse<String> polled = http.send(HttpRequest.newBuilder(URI.create(status)).header("Authorization", ADMIN).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, polled.statusCode(), polled.body());
            last = json(polled.body());
            assertTrue(last.getInt("done") <= last.getInt("total"), polled.body());
            if (last.getString("state").equals("en-cours")) {
                if (last.getInt("total") > 0) {
                    assertEquals(count, last.getInt("total"), "the total is known once the archive is read");
                }
                seen.add(last.getInt("done"));
                Thread.sleep(50);
            }
        } while (last.getString("state").equals("en-cours") && System.nanoTime() < deadline);

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
        String id = json(started.body()).getString("id");
        JsonObject last = json(started.body());
        for (int i = 0; i < 100 && last.getString("state").equals("en-cours"); i++) {
            Thread.sleep(100);
            last = json(get("api/v1/imports/" + id, ADMIN).body());
        }
        assertEquals("echec", last.getString("state"), last.toString());
        assertTrue(last.getString("error").startsWith("archive zip illisible"), last.toString());

        HttpResponse<String> unknown = get("api/v1/imports/inconnu", ADMIN);
        assertEquals(404, unknown.statusCode());
        assertTrue(json(unknown.body()).getString("error").contains("Aucun import"), unknown.body());
        assertEquals(401, get("api/v1/imports/" + id, null).statusCode());
    }

    @Test
    void aReindexTellsTheSheetsIndexedOutOfTheTotalUntilItsOwnRebuildIsOver() throws Exception {
        HttpResponse<String> asked = post("api/v1/admin/reindex", "application/json", new byte[0], ADMIN);
        assertEquals(202, asked.statusCode(), asked.body());
        long rebuild = json(asked.body()).getJsonNumber("rebuild").longValue();
        JsonObject index;
        long deadline = System.nanoTime() + 120_000_000_000L;
        do {
            HttpResponse<String> status = get("api/v1/admin/status", ADMIN);
            assertEquals(200, status.statusCode(), status.body());
            index = json(status.body()).getJsonObject("index");
            assertTrue(index.getInt("done") <= index.getInt("total") || index.getJsonNumber("rebuildsDone").longValue() >= rebuild,
                    index.toString());
            Thread.sleep(50);
        } while (index.getJsonNumber("rebuildsDone").longValue() < rebuild && System.nanoTime() < deadline);

        assertEquals("pret", index.getString("state"), index.toString());
        long published = json(get("api/v1/search?size=0", null).body()).getInt("total");
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
            browser.get(uri("connexion").toString());
            browser.findElement(org.openqa.selenium.By.id("nom")).sendKeys("admin");
            browser.findElement(org.openqa.selenium.By.id("motdepasse")).sendKeys("mot-de-passe-des-tests");
            browser.findElement(org.openqa.selenium.By.id("seconnecter")).click();
            wait.until(org.openqa.selenium.support.ui.ExpectedConditions.not(
                    org.openqa.selenium.support.ui.ExpectedConditions.urlContains("connexion")));
            browser.get(uri("admin").toString());
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
