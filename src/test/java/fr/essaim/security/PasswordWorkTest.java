package fr.essaim.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class PasswordWorkTest {

    private Instant now = Instant.parse("2026-01-01T10:00:00Z");
    private final PasswordWork work = new PasswordWork(30).withClock(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @Test
    void anAddressGetsAMinuteOfChecksAtOnceThenOneEveryTwoSeconds() {
        for (int i = 0; i < 30; i++) {
            assertEquals(Optional.empty(), work.take("10.0.0.1"), "check " + (i + 1));
        }
        Optional<Duration> wait = work.take("10.0.0.1");
        assertTrue(wait.isPresent(), "the 31st check in the same instant waits");
        assertEquals(Duration.ofSeconds(2), wait.get());
        assertEquals(Optional.empty(), work.take("10.0.0.2"), "another address has its own allowance");

        now = now.plusMillis(1_500);
        assertEquals(Duration.ofMillis(500), work.take("10.0.0.1").orElseThrow(), "refused checks take nothing");
        now = now.plusMillis(500);
        assertEquals(Optional.empty(), work.take("10.0.0.1"), "one check every two seconds");
        assertTrue(work.take("10.0.0.1").isPresent());

        now = now.plus(Duration.ofMinutes(5));
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

        now = now.plus(PasswordWork.REMEMBERED);
        assertFalse(work.recentlyVerified("claire", "un mot de passe"), "hashed again after a minute");
    }

    @Test
    void aPasswordChangeForgetsWhatWasRemembered() {
        work.verified("claire", "un mot de passe");
        work.forgetAll();
        assertFalse(work.recentlyVerified("claire", "un mot de passe"));
    }
}
