package fr.essaim.api;

import static fr.essaim.support.Api.ADMIN;
import static fr.essaim.support.Api.basic;
import static fr.essaim.support.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import fr.essaim.support.Api;
import fr.essaim.support.Deployed;

/**
 * Every error of the API, whichever layer refuses the request (the start-up filter, the
 * authentication, the access policy, JAX-RS itself, a resource), answers the same RFC 9457 problem
 * with a French title and message.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProblemDetailsIT {

    private static final String PASSWORD = "mot-de-passe-long-1";

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive application() throws InterruptedException {
        return Deployed.application();
    }

    /** Asserts a problem answer and gives its body for the checks of each case. */
    private static JsonObject problem(HttpResponse<String> answer, int status) {
        assertEquals(status, answer.statusCode(), answer.body());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                status + ": " + answer.headers().firstValue("Content-Type"));
        JsonObject body = json(answer);
        assertEquals("about:blank", body.getString("type"));
        assertEquals(status, body.getInt("status"));
        assertFalse(body.getString("title").isBlank());
        assertEquals(body.getString("detail"), body.getString("error"));
        assertFalse(body.getString("detail").contains("Exception"), body.getString("detail"));
        return body;
    }

    /** The first class method to run: the deployment has just opened its port and is still starting. */
    @Test
    @Order(1)
    void whileTheNodeStartsTheApiAnswers503ProblemsWithRetryAfter() throws Exception {
        Api api = Api.at(base);
        List<HttpResponse<String>> starting = new ArrayList<>();
        Api.within(Duration.ofMinutes(5)).until(() -> {
            HttpResponse<String> answer = api.get("api/v1/themes");
            if (answer.statusCode() == 503) {
                starting.add(answer);
            }
            return answer.statusCode() == 200;
        });
        assertFalse(starting.isEmpty(), "the API answered 200 before the start was complete");
        for (HttpResponse<String> answer : starting) {
            JsonObject body = problem(answer, 503);
            assertEquals("Service momentanément indisponible", body.getString("title"));
            assertTrue(body.getString("detail").startsWith("Essaim démarre"), body.getString("detail"));
            assertEquals(Optional.of("5"), answer.headers().firstValue("Retry-After"));
        }
    }

    private static JsonObject schema(JsonObject document, JsonObject schema) {
        String ref = schema.getString("$ref", null);
        return ref == null ? schema : document.getJsonObject("components").getJsonObject("schemas")
                .getJsonObject(ref.substring(ref.lastIndexOf('/') + 1));
    }

    private static Set<String> security(JsonObject operation) {
        return operation.getJsonArray("security").stream().flatMap(s -> s.asJsonObject().keySet().stream())
                .collect(Collectors.toSet());
    }

    @Test
    void theOpenApiDocumentDescribesTheWritesTheirSecurityAndTheirProblems() throws Exception {
        HttpResponse<String> answer = Api.ready(base).get("openapi?format=JSON", "Accept", "application/json");
        assertEquals(200, answer.statusCode());
        JsonObject document = json(answer);
        JsonObject schemes = document.getJsonObject("components").getJsonObject("securitySchemes");
        assertEquals("bearer", schemes.getJsonObject("jeton").getString("scheme"));
        assertEquals("basic", schemes.getJsonObject("basic").getString("scheme"));
        JsonObject paths = document.getJsonObject("paths");

        JsonObject create = paths.getJsonObject("/api/v1/sheets").getJsonObject("post");
        assertTrue(create.getJsonObject("requestBody").getJsonObject("content").keySet()
                .containsAll(Set.of("text/markdown", "application/json")), create.toString());
        assertEquals(Set.of("markdown", "fields", "body", "comment"), schema(document, create.getJsonObject("requestBody")
                .getJsonObject("content").getJsonObject("application/json").getJsonObject("schema")).getJsonObject("properties").keySet());
        assertEquals(Set.of("jeton", "basic"), security(create));
        JsonObject written = schema(document, create.getJsonObject("responses").getJsonObject("201").getJsonObject("content")
                .getJsonObject("application/json").getJsonObject("schema"));
        assertEquals(Set.of("slug", "revision", "state", "sheetState", "url"), written.getJsonObject("properties").keySet());

        JsonObject update = paths.getJsonObject("/api/v1/sheets/{slug}").getJsonObject("put");
        Map<String, Set<String>> errors = Map.of(
                "/api/v1/sheets/{slug} put", Set.of("400", "401", "403", "404", "412", "413", "415", "428", "429", "503"),
                "/api/v1/sheets/{slug}/publish post", Set.of("401", "403", "404", "409", "503"),
                "/api/v1/accounts post", Set.of("400", "401", "403", "409", "413", "415", "429", "503"),
                "/api/v1/admin/status get", Set.of("401", "403", "503"));
        for (Map.Entry<String, Set<String>> expected : errors.entrySet()) {
            String[] where = expected.getKey().split(" ");
            JsonObject responses = paths.getJsonObject(where[0]).getJsonObject(where[1]).getJsonObject("responses");
            assertTrue(responses.keySet().containsAll(expected.getValue()), expected.getKey() + ": " + responses.keySet());
            for (String status : expected.getValue()) {
                JsonObject problem = responses.getJsonObject(status).getJsonObject("content").getJsonObject("application/problem+json");
                Set<String> members = schema(document, problem.getJsonObject("schema")).getJsonObject("properties").keySet();
                assertTrue(members.containsAll(Set.of("type", "title", "status", "detail", "error")),
                        expected.getKey() + " " + status + ": " + members);
            }
        }
        assertEquals(Set.of("type", "title", "status", "detail", "error", "currentRevision", "etag", "markdown", "author"),
                schema(document, update.getJsonObject("responses").getJsonObject("412").getJsonObject("content")
                        .getJsonObject("application/problem+json").getJsonObject("schema")).getJsonObject("properties").keySet(),
                "a stale edit answers the revision that won");

        JsonObject account = paths.getJsonObject("/api/v1/accounts").getJsonObject("post");
        assertEquals(Set.of("name", "password", "roles", "email"), schema(document, account.getJsonObject("requestBody")
                .getJsonObject("content").getJsonObject("application/json").getJsonObject("schema"))
                .getJsonObject("properties").keySet());
        assertEquals(Set.of("basic"), security(paths.getJsonObject("/api/v1/tokens").getJsonObject("post")),
                "a token is made with the password, never with another token");
        assertTrue(paths.getJsonObject("/api/v1/imports").getJsonObject("post").getJsonObject("requestBody")
                .getJsonObject("content").containsKey("application/zip"));

        List<String> undocumented = new ArrayList<>();
        paths.forEach((path, item) -> item.asJsonObject().forEach((method, operation) -> {
            if (path.startsWith("/api/") && operation.asJsonObject().getJsonObject("responses").keySet().equals(Set.of("default"))) {
                undocumented.add(method + " " + path);
            }
        }));
        assertEquals(List.of(), undocumented, "operations with only a default response");
    }

    @Test
    void aMalformedParameterIs400() throws Exception {
        JsonObject body = problem(Api.ready(base).get("api/v1/search?size=abc"), 400);
        assertEquals("Requête invalide", body.getString("title"));
        assertEquals("« size » doit être un nombre entier (reçu : abc)", body.getString("detail"));
    }

    /** java.net.URI refuses such a path: it is sent as is, on a socket. */
    @Test
    void aPathWithAMalformedPercentEscapeIs400() throws Exception {
        Api.ready(base);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /api/v1/sheets/%ZZ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
            assertTrue(answer.contains("Content-Type: application/problem+json"), answer);
            assertTrue(answer.contains("\"detail\":\"L'adresse demandée ne peut pas être lue"), answer);
        }
    }

    @Test
    void anAnonymousWriteIs401WithTheWayToIdentify() throws Exception {
        HttpResponse<String> answer = Api.ready(base).send("POST", "api/v1/sheets", null, "text/markdown", "# x");
        JsonObject body = problem(answer, 401);
        assertEquals("Identification requise", body.getString("title"));
        assertTrue(body.getString("detail").contains("HTTP Basic"), body.getString("detail"));
        assertTrue(answer.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm=\"Essaim\""));
    }

    @Test
    void aContributorAskingForTheAccountsIs403AndASecondAccountOfTheSameNameIs409() throws Exception {
        Api api = Api.ready(base);
        String account = "{\"name\":\"pia\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"contributor\"]}";
        assertEquals(201, api.send("POST", "api/v1/accounts", ADMIN, "application/json", account).statusCode());
        JsonObject forbidden = problem(api.send("GET", "api/v1/accounts", basic("pia", PASSWORD), null, (String) null), 403);
        assertEquals("Accès refusé", forbidden.getString("title"));
        assertEquals("Le compte « pia » n'a pas le rôle requis (admin).", forbidden.getString("detail"));
        JsonObject taken = problem(api.send("POST", "api/v1/accounts", ADMIN, "application/json", account), 409);
        assertEquals("Conflit", taken.getString("title"));
        assertTrue(taken.getString("detail").contains("existe déjà"), taken.getString("detail"));
    }

    @Test
    void anUnknownSheetIs404() throws Exception {
        JsonObject body = problem(Api.ready(base).get("api/v1/sheets/cette-fiche-n-existe-pas"), 404);
        assertEquals("Aucune fiche publiée ne porte l'identifiant « cette-fiche-n-existe-pas ».", body.getString("detail"));
    }

    @Test
    void aWrongMethodIs405WithTheMethodsAllowed() throws Exception {
        HttpResponse<String> answer = Api.ready(base).send("DELETE", "api/v1/search", ADMIN, null, (String) null);
        JsonObject body = problem(answer, 405);
        assertEquals("Méthode non autorisée sur cette adresse.", body.getString("detail"));
        assertTrue(answer.headers().firstValue("Allow").orElse("").contains("GET"), answer.headers().map().toString());
    }

    @Test
    void aWriteWithoutIfMatchIs428AndAStaleOneIs412WithTheRevisionThatWon() throws Exception {
        Api api = Api.ready(base);
        HttpResponse<String> created = api.send("POST", "api/v1/sheets", ADMIN, "text/markdown",
                fr.essaim.support.Sheets.experience("Relais des erreurs de l'API", "## Contexte\n\nPremière version."));
        assertEquals(201, created.statusCode(), created.body());
        String slug = json(created).getString("slug");
        String first = created.headers().firstValue("ETag").orElseThrow();

        JsonObject unconditional = problem(api.send("PUT", "api/v1/sheets/" + slug, ADMIN, "text/markdown",
                fr.essaim.support.Sheets.experience("Relais des erreurs de l'API", "Deuxième version.")), 428);
        assertEquals("Requête conditionnelle exigée", unconditional.getString("title"));
        assertTrue(unconditional.getString("detail").startsWith("En-tête If-Match obligatoire"));

        assertEquals(200, api.send("PUT", "api/v1/sheets/" + slug, ADMIN, "text/markdown",
                fr.essaim.support.Sheets.experience("Relais des erreurs de l'API", "Deuxième version."), "If-Match", first)
                .statusCode());
        HttpResponse<String> stale = api.send("PUT", "api/v1/sheets/" + slug, ADMIN, "text/markdown",
                fr.essaim.support.Sheets.experience("Relais des erreurs de l'API", "Troisième version."), "If-Match", first);
        JsonObject conflict = problem(stale, 412);
        assertEquals("Version périmée", conflict.getString("title"));
        assertEquals(2, conflict.getInt("currentRevision"));
        assertEquals("\"" + slug + "-2\"", conflict.getString("etag"));
        assertTrue(conflict.getString("markdown").contains("Deuxième version."));
        assertEquals("admin", conflict.getString("author"));
    }

    @Test
    void aTooLargeBodyIs413() throws Exception {
        JsonObject body = problem(Api.ready(base).send("POST", "api/v1/sheets/preview", ADMIN, "text/markdown",
                "a".repeat(600_001)), 413);
        assertEquals("Requête trop volumineuse", body.getString("title"));
        assertEquals("Texte trop long pour l'aperçu (600 ko au plus).", body.getString("detail"));
    }

    @Test
    void anUnsupportedContentTypeIs415() throws Exception {
        JsonObject body = problem(Api.ready(base).send("POST", "api/v1/import", ADMIN, "text/plain", "bonjour"), 415);
        assertEquals("Format de requête non pris en charge", body.getString("title"));
        assertTrue(body.getString("detail").contains("application/zip"), body.getString("detail"));
    }

    @Test
    void repeatedWrongPasswordsAre429WithRetryAfter() throws Exception {
        Api api = Api.ready(base);
        HttpResponse<String> answer = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            answer = api.send("POST", "api/v1/tokens", basic("quentin", "mauvais-" + attempt), "application/json", "{}");
            if (answer.statusCode() != 401) {
                break;
            }
            problem(answer, 401);
        }
        assertNotNull(answer);
        JsonObject body = problem(answer, 429);
        assertEquals("Trop de requêtes", body.getString("title"));
        assertTrue(body.getString("detail").startsWith("Trop d'essais de mot de passe"), body.getString("detail"));
        assertTrue(answer.headers().firstValue("Retry-After").isPresent());
    }
}
