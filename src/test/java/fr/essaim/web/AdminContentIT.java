package fr.essaim.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
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
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
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
    static WebArchive application() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("essaim.war", "target/ROOT.war")));
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
}
