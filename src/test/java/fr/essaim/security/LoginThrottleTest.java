package fr.essaim.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final SettableClock clock = new SettableClock();
    private final LoginThrottle throttle = new LoginThrottle(Duration.ofSeconds(60)).withClock(clock);

    @Test
    void fiveFailuresLockTheAccountForAWhileOnly() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("claire", "10.0.0.1");
        }
        assertFalse(throttle.retryAfter("claire", "10.0.0.2").isPresent(), "4 failures: still free");
        throttle.failed("claire", "10.0.0.1");
        Optional<Duration> wait = throttle.retryAfter("claire", "10.0.0.2");
        assertEquals(Optional.of(Duration.ofSeconds(60)), wait, "the account is locked from any address");
        assertFalse(throttle.retryAfter("emile", "10.0.0.3").isPresent(), "other accounts are not");

        clock.advance(Duration.ofSeconds(61));
        assertFalse(throttle.retryAfter("claire", "10.0.0.2").isPresent(), "the lock ends");
    }

    @Test
    void anAddressTryingManyAccountsIsLockedToo() {
        for (int i = 0; i < LoginThrottle.ADDRESS_FAILURES_BEFORE_LOCK; i++) {
            throttle.failed("compte-" + i, "10.0.0.9");
        }
        assertTrue(throttle.retryAfter("personne", "10.0.0.9").isPresent());
        assertFalse(throttle.retryAfter("personne", "10.0.0.10").isPresent());
    }

    @Test
    void aSuccessForgetsTheAccountsFailures() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("claire", "10.0.0.1");
        }
        throttle.succeeded("claire");
        throttle.failed("claire", "10.0.0.1");
        assertFalse(throttle.retryAfter("claire", "10.0.0.1").isPresent());
    }
}
