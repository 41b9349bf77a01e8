package fr.essaim.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Searches of every shape run once before a node says it is ready: words, phrases, prefixes,
 * sentences, misspellings, each facet chosen, every order, later pages, counts only, related
 * sheets and completion. They compute the lazily built facet states and have the JVM compile the
 * code of searches, so that the first visitors are served like the later ones.
 */
final class SearchWarmUp {

    private static final Logger LOG = Logger.getLogger(SearchWarmUp.class.getName());
    private static final int SEARCHES = 300;
    private static final long AT_MOST_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final List<String> QUERIES = List.of("service", "mobilité", "santé", "école", "numérique",
            "maison de services", "\"transport à la demande\"", "itin*", "crèche -garderie", "jeunes ruraux",
            "commerce OU épicerie", "accueil des personnes âgées en milieu rural", "mutualisation des moyens",
            "bibliothèque", "emploi", "logement", "covoiturage", "culture", "tourisme", "énergie",
            "accompagnemnt", "mobilte", "santer", "territoire", "association", "habitants", "projet", "");
    private static final List<String> KINDS = List.of("experience", "innovation", "vademecum", "notion");

    private SearchWarmUp() {
    }

    static void run(SearchEngine engine) throws IOException {
        long start = System.nanoTime();
        List<String> places = new ArrayList<>();
        List<String> slugs = new ArrayList<>();
        try {
            SearchResult all = engine.compute(SearchRequest.of("", Map.of(), null, 1, 50));
            all.facets().getOrDefault(IndexSchema.FACET_TERRITORY, List.of()).forEach(v -> places.add(v.value()));
            all.hits().forEach(hit -> slugs.add(hit.slug()));
        } catch (InvalidSearchException e) {
            throw new IllegalStateException(e);
        }
        if (places.isEmpty()) {
            return;
        }
        // The same searches at every start: a warm-up that behaves the same way each time.
        Random random = new Random(18);
        long searching = System.nanoTime();
        int done = 0;
        for (; done < SEARCHES && System.nanoTime() - searching < AT_MOST_NANOS; done++) {
            try {
                engine.compute(request(random, places));
            } catch (InvalidSearchException e) {
                // a shape the search refuses is warmed up too
            }
        }
        for (String slug : slugs) {
            engine.related(slug, 5);
        }
        for (String typed : List.of("itin", "mais", "Bre", "santé", "mob")) {
            engine.suggest(typed, 10);
        }
        int searches = done;
        LOG.info(() -> searches + " recherches d'échauffement en " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    private static SearchRequest request(Random random, List<String> places) throws InvalidSearchException {
        String query = QUERIES.get(random.nextInt(QUERIES.size()));
        Map<String, List<String>> filters = new LinkedHashMap<>();
        if (random.nextInt(3) == 0) {
            filters.put(IndexSchema.FACET_THEME, List.of(String.valueOf(1 + random.nextInt(18))));
        }
        if (random.nextInt(3) == 0) {
            filters.put(IndexSchema.FACET_TERRITORY, List.of(places.get(random.nextInt(places.size()))));
        }
        if (random.nextInt(6) == 0) {
            filters.put(IndexSchema.FACET_KIND, List.of(KINDS.get(random.nextInt(KINDS.size()))));
        }
        String sort = List.of("relevance", "relevance", "date", "title").get(random.nextInt(4));
        int page = random.nextInt(5) == 0 ? 2 : 1;
        int size = random.nextInt(6) == 0 ? 0 : 20;
        return SearchRequest.of(query, filters, sort, page, size);
    }
}
