package fr.essaim.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Slows password guessing down: after a few failures for one account from one client address, or
 * from one address whatever the accounts, further attempts are refused for a while, without
 * checking the password. One address cannot lock an account for the others; an account tried from
 * many addresses is locked for everyone. The lock always ends. The address is the real client's
 * ({@link ClientAddress}), never the proxy's.
 */
@ApplicationScoped
public class LoginThrottle {

    /** Failures for one account from one address. */
    static final int FAILURES_BEFORE_LOCK = 5;
    /** An address tries many accounts: it gets more room than one account. */
    static final int ADDRESS_FAILURES_BEFORE_LOCK = 20;
    /** Distinct addresses failing on one account before it is locked for all. */
    static final int ACCOUNT_ADDRESSES_BEFORE_LOCK = 10;

    private final ConcurrentMap<String, Failures> failures = new ConcurrentHashMap<>();
    private Duration lock;
    private Clock clock = Clock.systemUTC();

    protected LoginThrottle() {
        this(Duration.ofSeconds(60));
    }

    @Inject
    public LoginThrottle(@ConfigProperty(name = "essaim.login.lock.seconds", defaultValue = "60") long lockSeconds) {
        this(Duration.ofSeconds(lockSeconds));
    }

    LoginThrottle(Duration lock) {
        this.lock = lock;
    }

    LoginThrottle withClock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** How long to wait before trying again, if the account or the address is locked now. */
    public Optional<Duration> retryAfter(String account, String address) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        for (String key : new String[] {pairKey(account, address), addressKey(address), accountKey(account)}) {
            Failures f = failures.get(key);
            if (f != null && f.lockedUntil != null && f.lockedUntil.isAfter(now)) {
                Duration left = Duration.between(now, f.lockedUntil);
                wait = left.compareTo(wait) > 0 ? left : wait;
            }
        }
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    public void failed(String account, String address) {
        Instant now = clock.instant();
        count(pairKey(account, address), FAILURES_BEFORE_LOCK, now, null);
        count(addressKey(address), ADDRESS_FAILURES_BEFORE_LOCK, now, null);
        count(accountKey(account), ACCOUNT_ADDRESSES_BEFORE_LOCK, now, address);
        if (failures.size() > 100_000) {
            failures.values().removeIf(f -> f.lastFailure.plus(lock.multipliedBy(2)).isBefore(now));
        }
    }

    /** A success forgets the failures of this account from this address; the address keeps its count. */
    public void succeeded(String account, String address) {
        failures.remove(pairKey(account, address));
    }

    /** Counts a failure; with a {@code distinct} address, counts the addresses that failed instead. */
    private void count(String key, int limit, Instant now, String distinct) {
        failures.compute(key, (k, f) -> {
            // Failures older than a lock period are forgiven.
            Failures current = f == null || f.lastFailure.plus(lock).isBefore(now) && (f.lockedUntil == null
                    || f.lockedUntil.isBefore(now)) ? new Failures() : f;
            current.lastFailure = now;
            if (distinct == null || current.addresses.add(distinct)) {
                current.count++;
            }
            if (current.count >= limit) {
                current.lockedUntil = now.plus(lock);
                current.count = 0;
                current.addresses.clear();
            }
            return current;
        });
    }

    private static String accountKey(String account) {
        return "account:" + (account == null ? "" : account.strip().toLowerCase(java.util.Locale.ROOT));
    }

    private static String pairKey(String account, String address) {
        return accountKey(account) + "|" + address;
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }

    private static final class Failures {
        int count;
        final java.util.Set<String> addresses = new java.util.HashSet<>();
        Instant lastFailure;
        Instant lockedUntil;
    }
}
