import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import fr.essaim.search.FrenchAnalysis;
import fr.essaim.search.SearchEngine;
import fr.essaim.search.SearchIndex;
import fr.essaim.search.SearchRequest;
import fr.essaim.sheet.SheetSchema;
import fr.essaim.territory.TerritoryCatalog;
import fr.essaim.theme.ThemeService;

/**
 * The benchmark's search workload in-process, against the search engine on an index folder (no
 * HTTP, no JSON): first every answer computed afresh, then through the engine's answer cache.
 *
 * <p>Usage: {@code java -cp target/classes:<dependencies> src/bench/SearchBench.java index paths.txt threads seconds}
 */
public final class SearchBench {

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        List<SearchRequest> requests = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            if (line.startsWith("/api/v1/search?")) {
                requests.add(request(line.substring("/api/v1/search?".length())));
            }
        }
        int threads = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        TerritoryCatalog territories = new TerritoryCatalog();
        Map<Integer, String> themes = new ThemeService().labels();
        try (SearchIndex index = SearchIndex.open(folder, territories, themes);
                SearchEngine engine = new SearchEngine(index, territories, themes, SheetSchema.fromClasspath(),
                        FrenchAnalysis.synonymsFromClasspath())) {
            System.out.println(index.size() + " fiches dans l'index, " + requests.size() + " recherches");
            run(requests, 1, 5, engine, false); // warm-up
            String fresh = run(requests, threads, seconds, engine, false);
            String cached = run(requests, threads, seconds, engine, true);
            System.out.println(fresh + " / " + cached);
        }
    }

    private static String run(List<SearchRequest> requests, int threads, int seconds, SearchEngine engine, boolean cached)
            throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<long[]> latencies = new ArrayList<>();
        AtomicInteger errors = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long[] mine = new long[200_000];
            latencies.add(mine);
            int offset = t * 97;
            Thread worker = new Thread(() -> {
                int i = 0;
                while (System.nanoTime() < end && i < mine.length) {
                    SearchRequest request = requests.get((offset + i) % requests.size());
                    long t0 = System.nanoTime();
                    try {
                        if (cached) {
                            engine.search(request);
                        } else {
                            engine.compute(request);
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    mine[i++] = System.nanoTime() - t0;
                }
                mine[mine.length - 1] = i;
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        int total = 0;
        for (long[] mine : latencies) {
            total += (int) mine[mine.length - 1];
        }
        long[] sorted = new long[total];
        int at = 0;
        for (long[] mine : latencies) {
            int count = (int) mine[mine.length - 1];
            System.arraycopy(mine, 0, sorted, at, count);
            at += count;
        }
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            return "aucune recherche";
        }
        return String.format("%d req/s, p50 %.1f ms, p99 %.1f ms%s", sorted.length / seconds,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6,
                errors.get() > 0 ? ", " + errors.get() + " erreurs" : "");
    }

    /** The request an API query string stands for. */
    static SearchRequest request(String query) throws Exception {
        String q = null;
        String sort = null;
        Integer page = null;
        Integer size = null;
        Map<String, List<String>> filters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length < 2) {
                continue;
            }
            String value = URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            switch (kv[0]) {
                case "q" -> q = value;
                case "sort" -> sort = value;
                case "page" -> page = Integer.valueOf(value);
                case "size" -> size = Integer.valueOf(value);
                default -> filters.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(value);
            }
        }
        return SearchRequest.of(q, filters, sort, page, size);
    }
}
