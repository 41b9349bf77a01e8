package fr.essaim.territory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Looking territories up as people type them. */
class TerritoryCatalogTest {

    private static TerritoryCatalog catalog;

    @BeforeAll
    static void load() {
        catalog = new TerritoryCatalog(TerritoryFile.fromClasspath());
    }

    private static List<String> names(List<Territory> territories) {
        return territories.stream().map(Territory::name).toList();
    }

    @Test
    void theShippedTableHoldsEveryLevel() {
        List<Territory> all = catalog.all();
        assertTrue(all.size() > 36_000, "size " + all.size());
        for (String level : Territory.LEVELS) {
            assertTrue(all.stream().anyMatch(t -> t.level().equals(level)), level);
        }
        assertEquals("Auvergne-Rhône-Alpes", catalog.name("region:84").orElseThrow());
        assertEquals("Hautes-Alpes", catalog.name("departement:05").orElseThrow());
        assertEquals("Corse-du-Sud", catalog.name("departement:2A").orElseThrow());
    }

    @Test
    void aNameTypedWithoutAccentsOrPunctuationIsFound() {
        assertEquals("Le Bourg-d'Oisans", catalog.searchByName("bourg d'oi", 5).get(0).name());
        assertEquals("Le Bourg-d'Oisans", catalog.searchByName("BOURG D OISANS", 5).get(0).name());
        assertEquals("Étrépagny", catalog.searchByName("etrepagny", 5).get(0).name());
        assertEquals("epci:243600343", catalog.searchByName("cœur de brenne", 5).get(0).key(), "ligatures fold both ways");
    }

    @Test
    void exactNamesComeFirstThenLargerTerritories() {
        List<Territory> found = catalog.searchByName("savoie", 5);
        assertEquals("departement:73", found.get(0).key());
        assertTrue(found.stream().anyMatch(t -> t.key().equals("departement:74")), "Haute-Savoie starts a word with savoie");
        assertEquals(3, catalog.searchByName("saint", 3).size(), "the limit is kept");
    }

    @Test
    void byCodeEveryLevelSharingIt() {
        List<String> keys = catalog.byCode("01").stream().map(Territory::key).toList();
        assertEquals(List.of("region:01", "departement:01"), keys);
        assertEquals("Augan", catalog.find("commune:56006").orElseThrow().name());
    }

    @Test
    void byPostcode() {
        assertTrue(names(catalog.byPostcode("38520")).contains("Le Bourg-d'Oisans"));
        assertTrue(catalog.byPostcode("99999").isEmpty());
    }

    @Test
    void aCommuneCountsForItsDepartementRegionAndEpci() {
        List<String> ancestors = catalog.ancestors("commune:56006");
        assertTrue(ancestors.contains("departement:56"));
        assertTrue(ancestors.contains("region:53"));
        assertTrue(ancestors.stream().anyMatch(k -> k.startsWith("epci:")));
        assertEquals(List.of("region:53"), catalog.ancestors("departement:56"));
        assertEquals(List.of(), catalog.ancestors("commune:99999"));
    }

    @Test
    void foldingIgnoresCaseAccentsLigaturesAndPunctuation() {
        assertEquals("le bourg d oisans", TerritoryCatalog.fold("Le Bourg-d'Oisans"));
        assertEquals("coeur de brenne", TerritoryCatalog.fold("Cœur-de-Brenne"));
        assertEquals("", TerritoryCatalog.fold("  -- "));
    }
}
