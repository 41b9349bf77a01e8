package fr.essaim.cluster;

import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * One Essaim node: the packaged {@code essaim.jar} started as its own process, as an operator
 * would start it, with its own data folder and the database given by the environment.
 */
final class Node implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String name;
    final int port;
    final Path dataDir;
    private final Map<String, String> environment;
    private Process process;

    Node(String name, Path dataDir, Map<String, String> environment) throws IOException {
        this.name = name;
        this.port = freePort();
        this.dataDir = dataDir;
        this.environment = environment;
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("essaim.jar", "target/essaim.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("run the package phase first: " + jar + " is missing");
        }
        return jar;
    }

    void start() throws IOException {
        Files.createDirectories(dataDir);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar().toAbsolutePath().toString(),
                "--port", String.valueOf(port), "--nocluster", "--disablephonehome"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("node.log").toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("ESSAIM_DATA_DIR", dataDir.toAbsolutePath().toString());
        process = builder.start();
    }

    /** As a power cut would: no shutdown hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** An answer, or status 0 when nothing listens yet. */
    Answer get(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(0, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "interrupted");
        }
    }

    HttpResponse<byte[]> sendBytes(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The whole answer, status line and headers included, to a path sent as is (java.net.URI refuses /%ZZ). */
    String rawGet(String target) throws IOException {
        return rawGet(port, target);
    }

    static String rawGet(int port, String target) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    String log() throws IOException {
        Path log = dataDir.resolve("node.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    record Answer(int status, String body) {
        JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }
    }

    /** A port nothing listens on now, for a node or the proxy in front of nodes. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
