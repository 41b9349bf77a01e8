package fr.essaim.sheet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import fr.essaim.shared.Slugs;

/** The URL names of sheets: what readers see in the address bar and what wiki links point to. */
class SlugsTest {

    private static final String LONG_TITLE = "Les maisons de services au public dans les territoires ruraux "
            + "de montagne et du littoral atlantique français en 2015";

    @ParameterizedTest(name = "« {0} » → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Étrépagny                                            | etrepagny
            Saint-Étienne-du-Rouvray                             | saint-etienne-du-rouvray
            garçon naïve à l'Hôtel-Dieu                          | garcon-naive-a-lhotel-dieu
            L'itinérance des services                            | litinerance-des-services
            L’accès                                              | lacces
            C’est l'été                                          | cest-lete
            Cœur de Brenne                                       | coeur-de-brenne
            ŒUVRE Æsop Straße                                    | oeuvre-aesop-strasse
            Maison de services au public (MSAP) : bilan 2012–2015 | maison-de-services-au-public-msap-bilan-2012-2015
            Hello,   World!!                                     | hello-world
            a_b.c/d                                              | a-b-c-d
            ' -- Tiers-lieux -- '                                | tiers-lieux
            '...Conclusion !'                                    | conclusion
            """)
    void slugifyFoldsAccentsApostrophesLigaturesAndPunctuation(String title, String expected) {
        assertEquals(expected, Slugs.slugify(title));
    }

    @ParameterizedTest(name = "« {0} » → fiche")
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "!!! ??? ---", "’’", "数字"})
    void textWithoutLettersOrDigitsStillGivesAUsableSlug(String title) {
        assertEquals("fiche", Slugs.slugify(title));
    }

    @Test
    void longTitleIsCutAtAWordBoundaryWithinTheLimit() {
        String slug = Slugs.slugify(LONG_TITLE);
        String full = "les-maisons-de-services-au-public-dans-les-territoires-ruraux-de-montagne-et-du-littoral-"
                + "atlantique-francais-en-2015";

        assertTrue(slug.length() <= Slugs.MAX_LENGTH, slug);
        assertTrue(full.startsWith(slug + "-"), "cut inside a word: " + slug);
        assertEquals("les-maisons-de-services-au-public-dans-les-territoires-ruraux-de-montagne-et-du", slug);
        assertTrue(Slugs.isValid(slug));
    }

    @Test
    void singleHugeWordIsCutAtTheLimit() {
        String slug = Slugs.slugify("Anticonstitutionnellement".repeat(4));

        assertEquals(Slugs.MAX_LENGTH, slug.length());
        assertTrue(Slugs.isValid(slug));
    }

    @ParameterizedTest(name = "« {0} » est valide")
    @ValueSource(strings = {"abc", "a-b", "2012-bilan", "halte-garderie-itinerante"})
    void wellFormedSlugsAreValid(String slug) {
        assertTrue(Slugs.isValid(slug));
    }

    @Test
    void slugOfExactlyMaxLengthIsValidButNotOneMore() {
        assertTrue(Slugs.isValid("a".repeat(Slugs.MAX_LENGTH)));
        assertFalse(Slugs.isValid("a".repeat(Slugs.MAX_LENGTH + 1)));
    }

    @ParameterizedTest(name = "« {0} » est refusé")
    @NullAndEmptySource
    @ValueSource(strings = {"a--b", "-a", "a-", "Abc", "été", "a b", "a_b", "a/b", "../etc"})
    void malformedSlugsAreNotValid(String slug) {
        assertFalse(Slugs.isValid(slug));
    }

    @Test
    void freeSlugIsKeptAsIs() {
        assertEquals("coeur-de-brenne", Slugs.unique("Cœur de Brenne", slug -> false));
    }

    @Test
    void takenSlugGetsSuffixTwo() {
        assertEquals("coeur-de-brenne-2", Slugs.unique("Cœur de Brenne", Set.of("coeur-de-brenne")::contains));
    }

    @Test
    void takenSuffixTwoGivesSuffixThree() {
        Set<String> taken = Set.of("coeur-de-brenne", "coeur-de-brenne-2");

        assertEquals("coeur-de-brenne-3", Slugs.unique("Cœur de Brenne", taken::contains));
    }

    @Test
    void suffixesGoPastNine() {
        Set<String> taken = new HashSet<>(Set.of("x"));
        for (int n = 2; n <= 10; n++) {
            taken.add("x-" + n);
        }

        assertEquals("x-11", Slugs.unique("X", taken::contains));
    }

    @Test
    void longBaseWithSuffixStaysWithinTheLimit() {
        Set<String> taken = new HashSet<>();
        String base = Slugs.unique(LONG_TITLE, taken::contains);
        taken.add(base);

        String second = Slugs.unique(LONG_TITLE, taken::contains);
        taken.add(second);
        String third = Slugs.unique(LONG_TITLE, taken::contains);

        for (String slug : new String[] {second, third}) {
            assertTrue(slug.length() <= Slugs.MAX_LENGTH, slug + " has " + slug.length() + " characters");
            assertTrue(Slugs.isValid(slug), slug);
        }
        assertTrue(second.endsWith("-2"), second);
        assertTrue(third.endsWith("-3"), third);
        assertNotEquals(base, second);
        assertNotEquals(second, third);
    }

    @Test
    void maxLengthBaseWithTwoDigitSuffixStaysWithinTheLimit() {
        String title = "a".repeat(Slugs.MAX_LENGTH);
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            taken.add(Slugs.unique(title, taken::contains));
        }

        String eleventh = Slugs.unique(title, taken::contains);

        assertTrue(eleventh.endsWith("-11"), eleventh);
        assertEquals(Slugs.MAX_LENGTH, eleventh.length());
        assertTrue(Slugs.isValid(eleventh));
        assertEquals(10, taken.size(), "every earlier slug was distinct");
    }

    @Test
    void cutBeforeSuffixDoesNotLeaveADoubleDash() {
        // 80 characters ending with "-ab": cutting to make room for "-2" would leave "...-" before the suffix
        String title = "abcde-".repeat(13) + "ab";
        String base = Slugs.slugify(title);

        String second = Slugs.unique(title, Set.of(base)::contains);

        assertTrue(Slugs.isValid(second), second);
        assertTrue(second.length() <= Slugs.MAX_LENGTH, second);
        assertTrue(second.endsWith("-2"), second);
    }
}
