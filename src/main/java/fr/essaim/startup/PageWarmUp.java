package fr.essaim.startup;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The public pages and API answers asked of this node by itself, over the loopback, before it says
 * it is ready: the views are compiled, the beans and queries prepared, the code compiled, so that
 * the first visitors after a start wait no longer than the later ones.
 */
final class PageWarmUp {

    private static final Logger LOG = Logger.getLogger(PageWarmUp.class.getName());
    private static final long AT_MOST_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final int ROUNDS = 2;
    /** The longest the kept searches are asked again under load (0: not at all). */
    static final String LOAD_SECONDS = "essaim.warmup.load.seconds";
    /**
     * The compiler settles within 15 to 20 s (see {@link CompilerWarmUp}); on a slow hour it takes
     * longer, and a step cut at 20 s (then from eight connections) left the first 20 s of traffic at
     * 47 % of the warm throughput.
     */
    private static final int DEFAULT_LOAD_SECONDS = 35;
    private static final int SEARCHES = 400;
    private static final Pattern SLUG = Pattern.compile("\"slug\":\"([^\"]+)\"");

    private PageWarmUp() {
    }

    /** Asks the pages once {@code started} says requests are served; gives up quietly on any failure. */
    static void run(StartupState started) {
        Optional<Integer> port = ApplicationStartup.httpPort();
        if (port.isEmpty()) {
            LOG.info("Port HTTP inconnu : pages non échauffées");
            return;
        }
        long start = System.nanoTime();
        try {
            while (!started.isStarted()) {
                if (System.nanoTime() - start > AT_MOST_NANOS || started.failure() != null) {
                    return;
                }
                Thread.sleep(50);
            }
            String base = "http://127.0.0.1:" + port.get();
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            List<String> slugs = new ArrayList<>();
            Matcher found = SLUG.matcher(get(client, base + "/api/v1/search?sort=date&size=12"));
            while (found.find()) {
                slugs.add(found.group(1));
            }
            List<String> paths = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                paths.addAll(paths(round, slugs));
            }
            paths.addAll(searches());
            int asked = askOnEveryCore(client, base, paths, start);
            int pages = asked;
            LOG.info(() -> pages + " pages d'échauffement en " + (System.nanoTime() - start) / 1_000_000 + " ms");
            List<String> kept = searches().subList(SEARCHES - SEARCHES / 5, SEARCHES);
            CompilerWarmUp.Outcome load = CompilerWarmUp.run(base, kept, Duration.ofSeconds(ConfigProvider
                    .getConfig(PageWarmUp.class.getClassLoader()).getOptionalValue(LOAD_SECONDS, Integer.class).orElse(DEFAULT_LOAD_SECONDS)));
            LOG.info(() -> load.asked() + " recherches redemandées en " + load.millis() + " ms, " + (load.settled()
                    ? "jusqu'à ce que le compilateur ait presque tout compilé" : "le compilateur travaillait encore"));
        } catch (IOException | RuntimeException e) {
            LOG.info(() -> "Échauffement des pages interrompu : " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks the paths from one thread per core, each taking the next path, until all are asked or time is up. */
    private static int askOnEveryCore(HttpClient client, String base, List<String> paths, long start)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger asked = new AtomicInteger();
        List<Thread> askers = new ArrayList<>();
        for (int t = 0; t < Math.max(1, Runtime.getRuntime().availableProcessors()); t++) {
            Thread asker = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < paths.size() && System.nanoTime() - start < AT_MOST_NANOS;
                        i = next.getAndIncrement()) {
                    try {
                        get(client, base + paths.get(i));
                        asked.incrementAndGet();
                    } catch (IOException e) {
                        // one page less warmed up; the others still are
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }, "essaim-warmup-" + t);
            asker.setDaemon(true);
            asker.start();
            askers.add(asker);
        }
        for (Thread asker : askers) {
            asker.join();
        }
        return asked.get();
    }

    /**
     * Searches of the API in every shape (words, facets, orders, pages, counts only), as partner
     * widgets ask them: the request, JSON and search code compiled under the load of both cores.
     * Words that visitors' searches (unaccented in the benchmark) would not repeat verbatim.
     */
    static List<String> searches() {
        List<String> words = List.of("service", "sant%C3%A9", "%C3%A9cole", "mobilit%C3%A9", "maison%20de%20services",
                "itin*", "accompagnemnt", "territoire", "habitants", "projet", "jeunesse", "num%C3%A9rique",
                "%C3%A9picerie%20solidaire", "transport", "commune", "%22point%20d%27accueil%22", "");
        List<String> sorts = List.of("", "&sort=date", "", "&sort=title");
        List<String> searches = new ArrayList<>();
        for (int i = 0; i < SEARCHES; i++) {
            StringBuilder path = new StringBuilder("/api/v1/search?q=").append(words.get(i % words.size()));
            if (i % 3 == 0) {
                path.append("&theme=").append(1 + i % 18);
            }
            if (i % 5 == 1) {
                path.append("&territory=departement:").append(String.format("%02d", 1 + i % 95));
            }
            if (i % 7 == 2) {
                path.append("&kind=").append(List.of("experience", "innovation", "vademecum").get(i % 3));
            }
            path.append(sorts.get(i % sorts.size()));
            path.append(i % 6 == 5 ? "&page=2" : "").append(i % 11 == 4 ? "&size=0" : "");
            searches.add(path.toString());
        }
        return searches;
    }

    /** Each round asks other sheets, themes and territories: the same views with other data. */
    private static List<String> paths(int round, List<String> slugs) {
        List<String> paths = new ArrayList<>(List.of("/", "/recherche", "/recherche?q=mobilit%C3%A9&theme=" + (round + 5),
                "/recherche?q=sant%C3%A9&territory=departement:0" + (round + 5) + "&sort=date",
                "/themes/" + (round + 6), "/territoires/departement:0" + (round + 5), "/territoires/region:5" + (round + 2),
                "/api/v1/search?q=%C3%A9cole&theme=" + (round + 2), "/api/v1/search?territory=departement:3" + round
                        + "&size=0", "/api/v1/suggest?q=itin" + "ér".substring(0, round % 3),
                "/api/v1/themes"));
        for (int i = round; i < slugs.size(); i += ROUNDS) {
            paths.add("/fiches/" + slugs.get(i));
            paths.add("/api/v1/sheets/" + slugs.get(i));
        }
        return paths;
    }

    private static String get(HttpClient client, String address) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(address)).timeout(Duration.ofSeconds(20))
                .header("User-Agent", "essaim-warmup-bot").GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}
