package fr.essaim.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

/** What a subscription request may contain, and how often one client may send one. */
class SubscriptionInputTest {

    private static final Predicate<String> THEMES = Set.of("3", "6")::contains;
    private static final Predicate<String> TERRITORIES = Set.of("departement:05", "region:93")::contains;

    @Test
    void aSearchIsStoredInOneCanonicalForm() throws Exception {
        assertEquals("q=cr%C3%A8che&theme=6&territory=departement%3A05",
                SearchStrings.normalize("?territory=departement:05&theme=6&q=cr%C3%A8che&page=3&sort=date", THEMES, TERRITORIES));
        assertEquals(SearchStrings.normalize("theme=6&theme=3", THEMES, TERRITORIES),
                SearchStrings.normalize("theme=3&theme=6&theme=6", THEMES, TERRITORIES));
    }

    @Test
    void unknownParametersThemesAndTerritoriesAreRefusedInFrench() {
        assertTrue(assertThrows(InvalidSubscriptionException.class,
                () -> SearchStrings.normalize("theme=6&couleur=bleu", THEMES, TERRITORIES)).getMessage()
                .contains("Paramètre de recherche inconnu : « couleur »"));
        assertTrue(assertThrows(InvalidSubscriptionException.class,
                () -> SearchStrings.normalize("theme=99", THEMES, TERRITORIES)).getMessage().contains("Thème inconnu"));
        assertTrue(assertThrows(InvalidSubscriptionException.class,
                () -> SearchStrings.normalize("territory=05", THEMES, TERRITORIES)).getMessage().contains("Territoire inconnu"));
        assertThrows(InvalidSubscriptionException.class, () -> SearchStrings.normalize("q=%E9%ZZ", THEMES, TERRITORIES));
        assertThrows(InvalidSubscriptionException.class, () -> SearchStrings.normalize("q=" + "a".repeat(2001), THEMES, TERRITORIES));
    }

    @Test
    void addressesAreCheckedStrictlyAndStoredInLowerCase() throws Exception {
        assertEquals("agente@mairie-embrun.fr", Addresses.normalize("  Agente@Mairie-Embrun.fr "));
        for (String bad : new String[] {"", "agente", "agente@", "@mairie.fr", "agente@mairie", "a b@mairie.fr",
                "Agente <agente@mairie.fr>", "agente@mairie.fr, autre@mairie.fr", "x".repeat(250) + "@a.fr"}) {
            assertThrows(InvalidSubscriptionException.class, () -> Addresses.normalize(bad), bad);
        }
    }

    @Test
    void oneClientGetsTenRequestsPerWindowThenWaits() {
        Instant start = Instant.parse("2026-12-06T10:00:00Z");
        Clock[] clock = {Clock.fixed(start, ZoneOffset.UTC)};
        ClientThrottle throttle = new ClientThrottle(new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return clock[0].instant();
            }
        });
        for (int i = 0; i < ClientThrottle.PER_WINDOW; i++) {
            assertTrue(throttle.hit("192.0.2.1").isEmpty());
        }
        assertEquals(Duration.ofMinutes(10), throttle.hit("192.0.2.1").orElseThrow());
        assertTrue(throttle.hit("192.0.2.2").isEmpty(), "another client is not slowed down");
        clock[0] = Clock.fixed(start.plus(ClientThrottle.WINDOW), ZoneOffset.UTC);
        assertTrue(throttle.hit("192.0.2.1").isEmpty(), "the window ends");
    }
}
