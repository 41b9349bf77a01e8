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
    void fiveFailuresFromOneAddressLockThatAddressForTheAccountForAWhileOnly() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("claire", "10.0.0.1");
        }
        assertFalse(throttle.retryAfter("claire", "10.0.0.1").isPresent(), "4 failures: still free");
        throttle.failed("claire", "10.0.0.1");
        assertEquals(Optional.of(Duration.ofSeconds(60)), throttle.retryAfter("claire", "10.0.0.1"));
        assertFalse(throttle.retryAfter("claire", "10.0.0.2").isPresent(), "claire herself, elsewhere, is not locked out");
        assertFalse(throttle.retryAfter("emile", "10.0.0.3").isPresent(), "other accounts are not");

        clock.advance(Duration.ofSeconds(61));
        assertFalse(throttle.retryAfter("claire", "10.0.0.1").isPresent(), "the lock ends");
    }

    @Test
    void fortyFailuresFromOneAddressNeverLockTheAccountForAnotherAddress() {
        for (int i = 0; i < 40; i++) {
            if (throttle.retryAfter("claire", "203.0.113.7").isEmpty()) {
                throttle.failed("claire", "203.0.113.7");
            }
            clock.advance(Duration.ofSeconds(20));
        }
        assertFalse(throttle.retryAfter("claire", "198.51.100.4").isPresent());
    }

    @Test
    void manyAddressesFailingOnOneAccountLockItForEveryone() {
        for (int i = 1; i < LoginThrottle.ACCOUNT_ADDRESSES_BEFORE_LOCK; i++) {
            throttle.failed("claire", "10.1.0." + i);
        }
        assertFalse(throttle.retryAfter("claire", "192.0.2.1").isPresent(), "9 addresses: still free");
        throttle.failed("claire", "10.1.0.99");
        assertTrue(throttle.retryAfter("claire", "192.0.2.1").isPresent(), "10 addresses: the account is locked");
        assertFalse(throttle.retryAfter("emile", "10.1.0.1").isPresent(), "the addresses may still try other accounts");
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
    void aSuccessForgetsTheFailuresOfThatAddressOnTheAccount() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("claire", "10.0.0.1");
        }
        throttle.succeeded("claire", "10.0.0.1");
        throttle.failed("claire", "10.0.0.1");
        assertFalse(throttle.retryAfter("claire", "10.0.0.1").isPresent());
    }
}
