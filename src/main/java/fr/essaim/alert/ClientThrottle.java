package fr.essaim.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Subscription requests per client address: a few per window, then refused until the window ends.
 * On one node, in memory: it stops a flood of mails from one source; the per-address limit of
 * confirmation mails, in the database, holds across nodes.
 */
final class ClientThrottle {

    static final int PER_WINDOW = 10;
    static final Duration WINDOW = Duration.ofMinutes(10);

    private record Window(Instant start, int count) {
    }

    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();
    private final Clock clock;

    ClientThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Counts a request; how long to wait if it is one too many. */
    Optional<Duration> hit(String client) {
        Instant now = clock.instant();
        if (windows.size() > 100_000) {
            windows.values().removeIf(w -> w.start().plus(WINDOW).isBefore(now));
        }
        Window window = windows.compute(client, (key, w) -> w == null || !w.start().plus(WINDOW).isAfter(now)
                ? new Window(now, 1) : new Window(w.start(), w.count() + 1));
        if (window.count() <= PER_WINDOW) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, window.start().plus(WINDOW)));
    }
}
