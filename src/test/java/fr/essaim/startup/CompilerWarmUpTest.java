package fr.essaim.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CompilerWarmUpTest {

    private HttpServer server;
    private final AtomicInteger answered = new AtomicInteger();
    private final Set<String> asked = ConcurrentHashMap.newKeySet();
    private String base;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            asked.add(exchange.getRequestURI().toString());
            byte[] body = "{\"total\":1}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
            answered.incrementAndGet();
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void asksEveryPathAgainAndAgainThenStopsByTheLimit() throws Exception {
        List<String> paths = List.of("/api/v1/search?q=a", "/api/v1/search?q=b", "/api/v1/search?theme=6");
        long start = System.nanoTime();

        CompilerWarmUp.Outcome outcome = CompilerWarmUp.run(base, paths, Duration.ofMillis(1_500));

        long took = (System.nanoTime() - start) / 1_000_000;
        assertTrue(took < 10_000, "stopped after " + took + " ms");
        assertTrue(outcome.asked() > paths.size(), "asked " + outcome.asked());
        assertEquals(Set.copyOf(paths), asked);
        int after = answered.get();
        Thread.sleep(300);
        assertEquals(after, answered.get(), "no request once it has returned");
    }

    @Test
    void aZeroLimitAsksNothing() throws Exception {
        CompilerWarmUp.Outcome outcome = CompilerWarmUp.run(base, List.of("/api/v1/search?q=a"), Duration.ZERO);

        assertEquals(0, outcome.asked());
        assertFalse(outcome.settled());
        assertEquals(0, answered.get());
    }
}
