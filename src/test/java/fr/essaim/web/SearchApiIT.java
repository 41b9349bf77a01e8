package fr.essaim.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.zip.ZipEntry;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import fr.essaim.support.Deployed;
import fr.essaim.support.Ready;

/** The search API of the packaged application, on a real Payara Micro. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SearchApiIT {

    private final HttpClient http = HttpClient.newHttpClient();

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

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base.toString()).resolve(pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** The index is built in the background at first start: wait until it answers. */
    private JsonObject searchWhenReady(String query) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            HttpResponse<String> response = get("api/v1/search?" + query);
            assertEquals(200, response.statusCode(), response.body());
            JsonObject result = json(response.body());
            if (result.getInt("total") > 0 || System.nanoTime() > deadline) {
                return result;
            }
            Thread.sleep(200);
        }
    }

    @Test
    void aPractitionerFindsTheSheetWithFacetsLabelledInFrench() throws Exception {
        JsonObject result = searchWhenReady("q=" + q("creche itinerante") + "&size=5");

        assertEquals("zirondaile-halte-garderie-itinerante", result.getJsonArray("hits").getJsonObject(0).getString("slug"));
        JsonObject hit = result.getJsonArray("hits").getJsonObject(0);
        assertTrue(hit.getString("snippet").length() > 20);
        JsonObject itinerance = searchWhenReady("q=" + q("itinérance") + "&size=1");
        assertTrue(itinerance.getJsonArray("hits").getJsonObject(0).getString("snippet").contains("<mark>"));
        assertEquals("departement:54", hit.getJsonArray("territories").getJsonObject(0).getString("key"));
        assertEquals("Meurthe-et-Moselle", hit.getJsonArray("territories").getJsonObject(0).getString("name"));
        assertEquals("/fiches/zirondaile-halte-garderie-itinerante", hit.getString("url"));
        JsonObject facets = result.getJsonObject("facets");
        for (String dim : new String[] {"kind", "theme", "territory", "territoryType", "status", "year"}) {
            assertTrue(facets.containsKey(dim), dim);
        }
        assertTrue(facets.getJsonArray("theme").stream().anyMatch(v -> v.asJsonObject().getString("label").equals("Petite enfance")));
    }

    @Test
    void facetSelectionsCombineAsTheContractSays() throws Exception {
        JsonObject hautesAlpes = searchWhenReady("territory=departement:05&size=0");
        JsonObject isere = searchWhenReady("territory=departement:38&size=0");
        JsonObject both = searchWhenReady("territory=departement:05&territory=departement:38&size=0");
        assertTrue(hautesAlpes.getJsonArray("hits").isEmpty(), "size=0 returns only the counts");
        assertTrue(both.getInt("total") >= Math.max(hautesAlpes.getInt("total"), isere.getInt("total")));
        assertTrue(both.getInt("total") <= hautesAlpes.getInt("total") + isere.getInt("total"));
        JsonObject narrowed = searchWhenReady("territory=departement:05&territory=departement:38&kind=experience&size=0");
        assertTrue(narrowed.getInt("total") <= both.getInt("total"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"size=abc", "size=101", "size=-1", "page=0", "page=x", "sort=pertinence", "couleur=bleu&kind=x&page=9999&size=100"})
    void malformedParametersAreAJson400(String parameters) throws Exception {
        HttpResponse<String> response = get("api/v1/search?q=services&" + parameters);

        if (parameters.startsWith("couleur")) {
            assertEquals(400, response.statusCode(), "page 9999 × 100 is too deep");
        } else {
            assertEquals(400, response.statusCode(), response.body());
        }
        assertTrue(json(response.body()).getString("error").length() > 10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"unclosed", "-", "OR OR", "***", "((((", "a*", "title:x", "<script>alert(1)</script>", "' OR 1=1 --", "%%%"})
    void hostileQueriesNeverFail(String query) throws Exception {
        HttpResponse<String> response = get("api/v1/search?q=" + q(query));

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(json(response.body()).containsKey("total"));
    }

    @Test
    void aVeryLongQueryIsRefusedWithAMessage() throws Exception {
        HttpResponse<String> response = get("api/v1/search?q=" + q("crèche ".repeat(80)));

        assertEquals(400, response.statusCode());
        assertTrue(json(response.body()).getString("error").contains("trop longue"));
    }

    @Test
    void completionAnswersAsYouType() throws Exception {
        searchWhenReady("q=itinerance");
        // The completion list is built just after the index is ready: it follows within seconds.
        HttpResponse<String> response = get("api/v1/suggest?q=" + q("itiner"));
        for (int tries = 0; tries < 300 && !response.body().contains("/fiches/litinerance-des-services"); tries++) {
            Thread.sleep(100);
            response = get("api/v1/suggest?q=" + q("itiner"));
        }

        assertEquals(200, response.statusCode());
        assertTrue(json(response.body()).getJsonArray("suggestions").stream()
                .anyMatch(s -> s.asJsonObject().getString("url").equals("/fiches/litinerance-des-services")), response.body());
    }

    @Test
    void theSheetApiListsRelatedSheets() throws Exception {
        searchWhenReady("q=itinerance");
        JsonObject sheet = json(get("api/v1/sheets/zirondaile-halte-garderie-itinerante").body());

        assertEquals(5, sheet.getJsonArray("related").size());
    }

    @Test
    void aPublishedSheetBecomesSearchableWithinASecond() throws Exception {
        searchWhenReady("q=itinerance");
        String source = Files.readString(Path.of(System.getProperty("essaim.content.dir", "content"), "fiches", "solidart-maurienne.md"))
                .replace("Solid'Art Maurienne,", "Solid'Art Maurienne (variante),")
                .replace("## Contexte", "## Contexte\n\nUn atelier de marqueterie xylophone s'y est ajouté.\n");
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("fiches/solidart-variante-marqueterie.md"));
            out.write(source.getBytes(StandardCharsets.UTF_8));
        }
        HttpRequest publish = HttpRequest.newBuilder(URI.create(base.toString()).resolve("api/v1/import"))
                .header("Content-Type", "application/zip")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "admin:mot-de-passe-des-tests".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(zip.toByteArray())).build();

        assertEquals(200, http.send(publish, HttpResponse.BodyHandlers.ofString()).statusCode());
        long published = System.nanoTime();
        int total = 0;
        while (total == 0 && System.nanoTime() - published < 10_000_000_000L) {
            total = json(get("api/v1/search?q=xylophone&size=1").body()).getInt("total");
        }
        long millis = (System.nanoTime() - published) / 1_000_000;
        System.out.println("Publication → recherche : " + millis + " ms");
        assertEquals(1, total, "the new sheet is found");
    }

    @Test
    void readinessReportsTheIndexState() throws Exception {
        searchWhenReady("q=itinerance");
        HttpResponse<String> response = get("health/ready");

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("index-de-recherche"), response.body());
        assertTrue(response.body().contains("\"etat\":\"pret\""), response.body());
    }
}
