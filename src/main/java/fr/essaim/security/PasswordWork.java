package fr.essaim.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bounds the hashing work one address can cause. Each password check costs a slow hash (PBKDF2,
 * 120 000 iterations): an address gets a bucket of checks that refills at a steady rate, whatever
 * the way in (login form, HTTP Basic, token creation) and whether the password is right or not.
 * A program sending the same right credentials with every request pays the hash once a minute:
 * a successful check is remembered briefly, under a keyed digest, never the password itself.
 */
@ApplicationScoped
public class PasswordWork {

    static final Duration REMEMBERED = Duration.ofSeconds(60);
    private static final int MAX_ENTRIES = 100_000;

    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Instant> verified = new ConcurrentHashMap<>();
    private final byte[] key = new byte[32];
    private int perMinute;
    private Clock clock = Clock.systemUTC();

    protected PasswordWork() {
        this(30);
    }

    @Inject
    public PasswordWork(@ConfigProperty(name = "essaim.password.checks.per.minute", defaultValue = "30") int perMinute) {
        this.perMinute = Math.max(1, perMinute);
        new SecureRandom().nextBytes(key);
    }

    PasswordWork withClock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /**
     * Takes one password check from the address's bucket: empty if granted, else how long until
     * the next one. A full bucket holds a minute of checks, so a person mistyping is never slowed.
     */
    public Optional<Duration> take(String address) {
        Instant now = clock.instant();
        if (buckets.size() > MAX_ENTRIES) {
            buckets.values().removeIf(b -> b.level(now, perMinute) >= perMinute);
        }
        Bucket bucket = buckets.computeIfAbsent(String.valueOf(address), a -> new Bucket(perMinute, now));
        synchronized (bucket) {
            double tokens = bucket.level(now, perMinute);
            bucket.at = now;
            if (tokens >= 1) {
                bucket.tokens = tokens - 1;
                return Optional.empty();
            }
            bucket.tokens = tokens;
            return Optional.of(Duration.ofMillis((long) Math.ceil((1 - tokens) * 60_000 / perMinute)));
        }
    }

    /** True if these exact credentials were found right less than a minute ago. */
    public boolean recentlyVerified(String name, String password) {
        Instant until = verified.get(digest(name, password));
        return until != null && until.isAfter(clock.instant());
    }

    public void verified(String name, String password) {
        Instant now = clock.instant();
        if (verified.size() > MAX_ENTRIES) {
            verified.values().removeIf(until -> !until.isAfter(now));
        }
        verified.put(digest(name, password), now.plus(REMEMBERED));
    }

    /** Forgets every remembered check, e.g. after a password change. */
    public void forgetAll() {
        verified.clear();
    }

    private String digest(String name, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((name + '\u0000' + password).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Bucket {
        double tokens;
        Instant at;

        Bucket(double tokens, Instant at) {
            this.tokens = tokens;
            this.at = at;
        }

        double level(Instant now, int perMinute) {
            double refill = Math.max(0, Duration.between(at, now).toMillis()) * perMinute / 60_000.0;
            return Math.min(perMinute, tokens + refill);
        }
    }
}
