package fr.essaim.essaimage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GapQueriesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "  Tiers-Lieu   NUMÉRIQUE ?  | tiers-lieu numérique",
        "« épicerie solidaire »      | épicerie solidaire",
        "maison France services 05   | maison france services 05",
        "code postal 05600           | code postal 05600",
        "EPCI 200067452              | epci 200067452"})
    void queriesAreCountedWithCaseSpacingAndSurroundingPunctuationAside(String typed, String counted) {
        assertEquals(Optional.of(counted), GapQueries.normalise(typed));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jean.dupont@example.fr", "contact mairie@guillestre.fr", "06 12 34 56 78", "0612345678",
        "+33 6 12 34 56 78", "appeler le 04.92.45.00.00", "192.168.1.20", "2001:db8::1", "   ", "?!"})
    void anythingThatMayNameAPersonOrIsEmptyIsNotKept(String typed) {
        assertEquals(Optional.empty(), GapQueries.normalise(typed));
    }
}
