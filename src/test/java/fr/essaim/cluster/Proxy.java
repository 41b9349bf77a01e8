package fr.essaim.cluster;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The proxy of {@code docker/}: nginx with the repository's {@code docker/nginx.conf}, its two
 * upstream nodes pointed at nodes on this machine instead of the compose services.
 */
final class Proxy implements AutoCloseable {

    private static final Path CONFIG = Path.of("docker", "nginx.conf");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final int port;
    private final Process process;
    private final Path folder;

    private Proxy(int port, Process process, Path folder) {
        this.port = port;
        this.process = process;
        this.folder = folder;
    }

    /** nginx on a free port in front of these two nodes; fails if it does not answer within 10 s. */
    static Proxy inFrontOf(Node first, Node second, Path folder) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        int port = Node.freePort();
        String server = Files.readString(CONFIG)
                .replace("essaim-1:8080", "127.0.0.1:" + first.port)
                .replace("essaim-2:8080", "127.0.0.1:" + second.port)
                .replace("listen 80;", "listen 127.0.0.1:" + port + ";");
        if (!server.contains("127.0.0.1:" + first.port) || !server.contains("127.0.0.1:" + second.port)) {
            throw new IllegalStateException("docker/nginx.conf no longer names essaim-1:8080 and essaim-2:8080");
        }
        // What the nginx image's main configuration gives the server block, with files in the test folder.
        String main = """
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                events {}
                http {
                    log_format essaim '$remote_addr $request_method $uri $upstream_addr $status';
                    access_log %1$s/access.log essaim;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                %2$s
                }
                """.formatted(folder.toAbsolutePath(), server);
        Path config = folder.resolve("nginx.conf");
        Files.writeString(config, main);
        Process process = new ProcessBuilder(List.of(Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx", "-p", folder.toAbsolutePath().toString(), "-c", config.toAbsolutePath().toString()))
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("nginx.out").toFile())
                .start();
        Proxy proxy = new Proxy(port, process, folder);
        try {
            Awaitility.await().pollInterval(Duration.ofMillis(50)).atMost(Duration.ofSeconds(10)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("nginx stopped: " + Files.readString(folder.resolve("nginx.out")));
                }
                try (Socket socket = new Socket("127.0.0.1", port)) {
                    return true;
                } catch (IOException notYet) {
                    return false;
                }
            });
            return proxy;
        } catch (ConditionTimeoutException e) {
            proxy.close();
            throw new IllegalStateException("nginx does not listen after 10 s");
        }
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The whole answer to a request line sent as is: an HTTP client would refuse to send a malformed address. */
    String rawGet(String target) throws IOException {
        return Node.rawGet(port, target);
    }

    /** The requests the proxy passed on, one line each: client, method, path, node that answered, status. */
    List<String> requests() throws IOException {
        Path log = folder.resolve("access.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
