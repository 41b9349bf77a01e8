package fr.essaim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import org.junit.jupiter.api.Test;

import fr.essaim.search.SearchResult;

/** The streamed search answer is, byte for byte, what JSON-B writes for the documented records. */
class SearchAnswerJsonTest {

    private static String jsonb(SearchResult result) throws Exception {
        try (Jsonb jsonb = JsonbBuilder.create()) {
            return jsonb.toJson(SearchResource.Found.of(result));
        }
    }

    private static String streamed(SearchResult result) {
        return new String(SearchAnswerJson.write(result), StandardCharsets.UTF_8);
    }

    @Test
    void anAnswerWithHitsFacetsAndASuggestionIsWrittenAsJsonBWritesIt() throws Exception {
        SearchResult.Hit hit = new SearchResult.Hit("creche-parentale-a-die", "Crèche « parentale » à Die",
                "experience", null, "Une <mark>crèche</mark> gérée par les \"parents\"\\ \u0001 et l'élu\n",
                List.of(new SearchResult.Theme("6", "Enfance, jeunesse"), new SearchResult.Theme("12", "Santé")),
                List.of(new SearchResult.Place("commune:26113", "26113", "commune", "Die"),
                        new SearchResult.Place("departement:26", null, "departement", "Drôme")),
                OffsetDateTime.parse("2026-03-04T10:15:30.120+01:00"), "https://essaim.example/fiches/creche");
        SearchResult.Hit bare = new SearchResult.Hit("maison-france-services", "Maison France services", "vademecum",
                "Ouvrir une maison", null, List.of(), List.of(), OffsetDateTime.parse("2025-12-31T23:59:59Z"), null);
        Map<String, List<SearchResult.FacetValue>> facets = new LinkedHashMap<>();
        facets.put("kind", List.of(new SearchResult.FacetValue("experience", "Fiche expérience", 1234)));
        facets.put("territory", List.of(new SearchResult.FacetValue("departement:26", "Drôme", 12),
                new SearchResult.FacetValue("commune:26113", "Die", 3)));
        facets.put("epci", List.of());
        SearchResult result = new SearchResult(123_456L, 3, 20, List.of(hit, bare), facets, "crèche", "creche parentale");

        assertEquals(jsonb(result), streamed(result));
    }

    @Test
    void anEmptyAnswerLeavesOutTheSuggestionAsJsonBDoes() throws Exception {
        SearchResult empty = new SearchResult(0, 1, 20, List.of(), Map.of(), null, null);

        assertEquals(jsonb(empty), streamed(empty));
        assertEquals("{\"total\":0,\"page\":1,\"size\":20,\"hits\":[],\"facets\":{}}", streamed(empty));
    }
}
