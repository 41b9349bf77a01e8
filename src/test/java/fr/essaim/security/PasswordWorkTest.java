package fr.essaim.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class PasswordWorkTest {

    private final SettableClock clock = new SettableClock();
    private final PasswordWork work = new PasswordWork(30).withClock(clock);

    @Test
    void anAddressGetsAMinuteOfChecksAtOnceThenOneEveryTwoSeconds() {
        for (int i = 0; i < 30; i++) {
            assertEquals(Optional.empty(), work.take("10.0.0.1"), "check " + (i + 1));
        }
        Optional<Duration> wait = work.take("10.0.0.1");
        assertTrue(wait.isPresent(), "the 31st check in the same instant waits");
        assertEquals(Duration.ofSeconds(2), wait.get());
        assertEquals(Optional.empty(), work.take("10.0.0.2"), "another address has its own allowance");

        clock.advance(Duration.ofMillis(1_500));
        assertEquals(Duration.ofMillis(500), work.take("10.0.0.1").orElseThrow(), "refused checks take nothing");
        clock.advance(Duration.ofMillis(500));
        assertEquals(Optional.empty(), work.take("10.0.0.1"), "one check every two seconds");
        assertTrue(work.take("10.0.0.1").isPresent());

        clock.advance(Duration.ofMinutes(5));
        for (int i = 0; i < 30; i++) {
            assertEquals(Optional.empty(), work.take("10.0.0.1"), "refilled, never beyond one minute of checks");
        }
        assertTrue(work.take("10.0.0.1").isPresent());
    }

    @Test
    void rightCredentialsAreRememberedForAMinuteExactlyAsTyped() {
        assertFalse(work.recentlyVerified("claire", "un mot de passe"));
        work.verified("claire", "un mot de passe");

        assertTrue(work.recentlyVerified("claire", "un mot de passe"));
        assertFalse(work.recentlyVerified("claire", "un autre mot de passe"));
        assertFalse(work.recentlyVerified("claire2", "un mot de passe"));
        assertFalse(work.recentlyVerified("clair", "eun mot de passe"), "name and password are kept apart");

        clock.advance(PasswordWork.REMEMBERED);
        assertFalse(work.recentlyVerified("claire", "un mot de passe"), "hashed again after a minute");
    }

    @Test
    void aPasswordChangeForgetsWhatWasRemembered() {
        work.verified("claire", "un mot de passe");
        work.forgetAll();
        assertFalse(work.recentlyVerified("claire", "un mot de passe"));
    }
}
