package fr.essaim.startup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Searches the warm-up has just asked, asked again in a loop until the JIT compiler has little left
 * to compile. The methods of the request path (HTTP parsing, filters, writing) reach full
 * optimisation only after thousands of requests, and compiling them took one of two cores for half a
 * minute: without this step, the first visitors after a start paid for it. Kept answers cost the node
 * almost nothing, so the requests mostly exercise that path.
 *
 * <p>From one connection: the compiler thread then keeps a core nearly to itself. From eight, it shared
 * both cores with the requests it had to compile, settled after 35 s instead of 15, and the first 20 s
 * of traffic after a restart were served no faster for it.
 */
final class CompilerWarmUp {

    private static final long WINDOW_MILLIS = 1_000;
    /** Compiling less than this share of a window, twice in a row, is settled. */
    private static final double SETTLED_SHARE = 0.15;

    /** What the step did: requests asked, time taken, whether the compiler settled before the limit. */
    record Outcome(int asked, long millis, boolean settled) {
    }

    private CompilerWarmUp() {
    }

    /**
     * Asks {@code paths} of {@code base} in a loop until the compiler settles or {@code atMost} has
     * passed; nothing when compile time is not measured.
     */
    static Outcome run(String base, List<String> paths, Duration atMost) throws InterruptedException {
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        if (compiler == null || !compiler.isCompilationTimeMonitoringSupported() || paths.isEmpty() || atMost.isZero()
                || atMost.isNegative()) {
            return new Outcome(0, 0, false);
        }
        long start = System.nanoTime();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger asked = new AtomicInteger();
        Thread asker = startAsker(base, paths, stop, asked);
        int quiet = 0;
        try {
            long compiled = compiler.getTotalCompilationTime();
            long end = start + atMost.toNanos();
            while (System.nanoTime() < end && quiet < 2) {
                Thread.sleep(Math.max(1, Math.min(WINDOW_MILLIS, (end - System.nanoTime()) / 1_000_000)));
                long now = compiler.getTotalCompilationTime();
                quiet = now - compiled < SETTLED_SHARE * WINDOW_MILLIS ? quiet + 1 : 0;
                compiled = now;
            }
        } finally {
            stop.set(true);
            asker.join(TimeUnit.SECONDS.toMillis(20));
        }
        return new Outcome(asked.get(), (System.nanoTime() - start) / 1_000_000, quiet >= 2);
    }

    private static Thread startAsker(String base, List<String> paths, AtomicBoolean stop, AtomicInteger asked) {
        Thread asker = new Thread(() -> {
            for (int i = 0; !stop.get(); i = (i + 1) % paths.size()) {
                try {
                    ask(base + paths.get(i));
                    asked.incrementAndGet();
                } catch (IOException e) {
                    // one request less; the next ones still warm up
                }
            }
        }, "essaim-warmup-load");
        asker.setDaemon(true);
        asker.start();
        return asker;
    }

    /** One GET as an API client sends it, read to the end so that the connection serves the next one. */
    private static void ask(String address) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(address).toURL().openConnection();
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(20_000);
        connection.setRequestProperty("User-Agent", "essaim-warmup-bot");
        connection.setRequestProperty("Accept", "*/*");
        int status = connection.getResponseCode();
        try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            if (body != null) {
                body.transferTo(OutputStream.nullOutputStream());
            }
        }
    }
}
