package fr.essaim.web;

import static fr.essaim.support.Api.ADMIN;
import static fr.essaim.support.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import fr.essaim.support.Api;
import fr.essaim.support.Deployed;

/** The search API of the packaged application, on a real Payara Micro. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SearchApiIT {

    @ArquillianResource
    private URL base;

    private Api api;

    @BeforeEach
    void awaitReady() throws Exception {
        // Ready means the index has caught up with the database: searches answer from then on.
        api = Api.ready(base);
    }

    @Deployment(testable = false)
    static WebArchive application() throws InterruptedException {
        return Deployed.application();
    }

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private JsonObject search(String query) throws Exception {
        HttpResponse<String> response = api.get("api/v1/search?" + query);
        assertEquals(200, response.statusCode(), response.body());
        return json(response);
    }

    @Test
    void aPractitionerFindsTheSheetWithFacetsLabelledInFrench() throws Exception {
        JsonObject result = search("q=" + q("creche itinerante") + "&size=5");

        assertEquals("zirondaile-halte-garderie-itinerante", result.getJsonArray("hits").getJsonObject(0).getString("slug"));
        JsonObject hit = result.getJsonArray("hits").getJsonObject(0);
        assertTrue(hit.getString("snippet").length() > 20);
        JsonObject itinerance = search("q=" + q("itinérance") + "&size=1");
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
        JsonObject hautesAlpes = search("territory=departement:05&size=0");
        JsonObject isere = search("territory=departement:38&size=0");
        JsonObject both = search("territory=departement:05&territory=departement:38&size=0");
        assertTrue(hautesAlpes.getJsonArray("hits").isEmpty(), "size=0 returns only the counts");
        assertTrue(hautesAlpes.getInt("total") > 0 && isere.getInt("total") > 0);
        assertTrue(both.getInt("total") >= Math.max(hautesAlpes.getInt("total"), isere.getInt("total")));
        assertTrue(both.getInt("total") <= hautesAlpes.getInt("total") + isere.getInt("total"));
        JsonObject narrowed = search("territory=departement:05&territory=departement:38&kind=experience&size=0");
        assertTrue(narrowed.getInt("total") <= both.getInt("total"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"size=abc", "size=101", "size=-1", "page=0", "page=x", "sort=pertinence",
        "kind=x&page=9999&size=100"})
    void malformedParametersAreAProblem400(String parameters) throws Exception {
        HttpResponse<String> response = api.get("api/v1/search?q=services&" + parameters);

        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        String name = parameters.substring(0, parameters.indexOf('='));
        String detail = json(response).getString("detail");
        assertTrue(detail.contains(name.equals("kind") ? "page trop lointaine" : name), detail);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"unclosed", "-", "OR OR", "***", "((((", "a*", "title:x", "<script>alert(1)</script>", "' OR 1=1 --", "%%%"})
    void hostileQueriesNeverFail(String query) throws Exception {
        HttpResponse<String> response = api.get("api/v1/search?q=" + q(query));

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(json(response).containsKey("total"));
        assertTrue(!response.body().contains("<script"), response.body());
    }

    @Test
    void aVeryLongQueryIsRefusedWithAMessage() throws Exception {
        HttpResponse<String> response = api.get("api/v1/search?q=" + q("crèche ".repeat(80)));

        assertEquals(400, response.statusCode());
        assertTrue(json(response).getString("detail").contains("trop longue"));
    }

    /** The completion list is built just after readiness: it follows within seconds. */
    private JsonObject suggestions(String typed, String expectedUrl) {
        AtomicReference<JsonObject> found = new AtomicReference<>();
        Api.within(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> response = api.get("api/v1/suggest?q=" + q(typed));
            assertEquals(200, response.statusCode(), response.body());
            found.set(json(response));
            return response.body().contains(expectedUrl);
        });
        return found.get();
    }

    @Test
    void completionAnswersAsYouType() throws Exception {
        JsonObject answer = suggestions("itiner", "/fiches/litinerance-des-services");

        assertTrue(answer.getJsonArray("suggestions").stream()
                .anyMatch(s -> s.asJsonObject().getString("url").equals("/fiches/litinerance-des-services")), answer.toString());
    }

    @Test
    void aTerritoryCompletionLeadsToTheSearchPageNarrowedToThatTerritory() throws Exception {
        String expected = "/recherche?territory=departement%3A05";
        JsonObject answer = suggestions("hautes-alp", expected);
        JsonValue territory = answer.getJsonArray("suggestions").stream()
                .filter(s -> s.asJsonObject().getString("url").equals(expected)).findFirst().orElseThrow();
        assertEquals("territoire", territory.asJsonObject().getString("type"));

        int inHautesAlpes = search("territory=departement:05&size=0").getInt("total");
        int all = search("size=0").getInt("total");
        assertTrue(inHautesAlpes > 0 && inHautesAlpes < all, inHautesAlpes + " of " + all);
        HttpResponse<String> page = api.get(expected.substring(1));
        assertEquals(200, page.statusCode());
        assertEquals(inHautesAlpes + " fiches", Jsoup.parse(page.body()).selectFirst("#titre-resultats").text(),
                "the page counts the sheets of the Hautes-Alpes, not the whole corpus");
    }

    @Test
    void theSheetApiListsRelatedSheets() throws Exception {
        JsonObject sheet = json(api.get("api/v1/sheets/zirondaile-halte-garderie-itinerante"));

        assertEquals(5, sheet.getJsonArray("related").size());
    }

    @Test
    void aPublishedSheetBecomesSearchableWithinASecond() throws Exception {
        String source = Files.readString(Path.of(System.getProperty("essaim.content.dir", "content"), "fiches", "solidart-maurienne.md"))
                .replace("Solid'Art Maurienne,", "Solid'Art Maurienne (variante),")
                .replace("## Contexte", "## Contexte\n\nUn atelier de marqueterie xylophone s'y est ajouté.\n");
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("fiches/solidart-variante-marqueterie.md"));
            out.write(source.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(0, search("q=xylophone&size=1").getInt("total"));
        // Measured as the benchmark does, once the completion list, built just after readiness, is there.
        suggestions("itiner", "/fiches/litinerance-des-services");

        HttpResponse<String> imported = api.send("POST", "api/v1/import", ADMIN, "application/zip", zip.toByteArray());
        assertEquals(200, imported.statusCode(), imported.body());
        long published = System.nanoTime();
        Api.within(Duration.ofSeconds(10)).until(() -> search("q=xylophone&size=1").getInt("total") == 1);
        long millis = (System.nanoTime() - published) / 1_000_000;
        System.out.println("Publication → recherche : " + millis + " ms");
        assertTrue(millis <= 1000, "searchable after " + millis + " ms");
    }

    @Test
    void readinessReportsTheIndexState() throws Exception {
        HttpResponse<String> response = api.get("health/ready");

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("index-de-recherche"), response.body());
        assertTrue(response.body().contains("\"etat\":\"pret\""), response.body());
    }
}
