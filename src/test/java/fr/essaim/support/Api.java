package fr.essaim.support;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * What every Arquillian class needs to talk to the deployed application: its addresses, an HTTP
 * client that shows redirects as they are, the test accounts' credentials, JSON answers, and waits
 * on a condition rather than for a fixed time.
 */
public final class Api {

    public static final String ADMIN_PASSWORD = "mot-de-passe-des-tests";
    public static final String ADMIN = basic("admin", ADMIN_PASSWORD);

    private final URL base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();

    private Api(URL base) {
        this.base = base;
    }

    /** The application at this address, once it says it is ready. */
    public static Api ready(URL base) throws Exception {
        Ready.await(base);
        return new Api(base);
    }

    /** The application at this address, whatever state it is in. */
    public static Api at(URL base) {
        return new Api(base);
    }

    public URI uri(String path) {
        return URI.create(base.toString()).resolve(path);
    }

    public HttpClient client() {
        return http;
    }

    public HttpResponse<String> get(String path, String... headers) throws Exception {
        return send("GET", path, null, null, (byte[]) null, headers);
    }

    /** A GET as this caller ({@code null}: anonymous). */
    public HttpResponse<String> getAs(String path, String authorization, String... headers) throws Exception {
        return send("GET", path, authorization, null, (byte[]) null, headers);
    }

    public HttpResponse<String> send(String method, String path, String authorization, String type, String body,
            String... headers) throws Exception {
        return send(method, path, authorization, type, body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers);
    }

    public HttpResponse<String> send(String method, String path, String authorization, String type, byte[] body,
            String... headers) throws Exception {
        return http.send(request(method, path, authorization, type, body, headers), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> bytes(String path, String authorization, String... headers) throws Exception {
        return http.send(request("GET", path, authorization, null, null, headers), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest request(String method, String path, String authorization, String type, byte[] body,
            String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (type != null) {
            request.header("Content-Type", type);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return request.build();
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static JsonObject json(HttpResponse<String> response) {
        return json(response.body());
    }

    public static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    /** Polls every 50 ms until the condition holds, failing after the given time. */
    public static ConditionFactory within(Duration limit) {
        return Awaitility.await().pollInterval(Duration.ofMillis(50)).pollDelay(Duration.ZERO).atMost(limit);
    }
}
