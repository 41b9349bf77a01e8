package fr.essaim.essaimage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who is counted, and only once a minute: a visitor is known for the current minute only, by a
 * salted hash of their address and browser kept in memory (never stored, forgotten each minute,
 * the salt drawn at start and never written), so that reloads and as-you-type requests count once.
 */
final class Visitors {

    /** Crawlers, link previews and scripts: they do not read, and would swamp what people do. */
    private static final Pattern BOT = Pattern.compile("(?i)bot|crawl|spider|slurp|archiver|preview|facebookexternalhit"
            + "|mediapartners|curl|wget|python|scrapy|httpclient|java/|go-http|okhttp|libwww|axios|node-fetch|headless");
    /** A flood beyond this many visitors in a minute is not counted rather than held in memory. */
    private static final int MAX_PER_MINUTE = 100_000;

    private final Clock clock;
    private final byte[] salt = new byte[32];
    private final Set<String> seen = new HashSet<>();
    private long minute = -1;

    Visitors(Clock clock) {
        this.clock = clock;
        new SecureRandom().nextBytes(salt);
    }

    static boolean isBot(HttpServletRequest request) {
        String agent = request.getHeader("User-Agent");
        return agent == null || agent.isBlank() || BOT.matcher(agent).find();
    }

    /** A request sent by a script of another site, such as the partners' widget as one types. */
    static boolean isCrossSite(HttpServletRequest request) {
        return request.getHeader("Origin") != null || "cross-site".equals(request.getHeader("Sec-Fetch-Site"));
    }

    /** True the first time in the current minute that this visitor does this; false for a bot. */
    synchronized boolean firstThisMinute(HttpServletRequest request, String what) {
        if (isBot(request)) {
            return false;
        }
        long now = clock.millis() / 60_000;
        if (now != minute) {
            seen.clear();
            minute = now;
        }
        if (seen.size() >= MAX_PER_MINUTE) {
            return false;
        }
        return seen.add(hash(request.getRemoteAddr() + '\n' + request.getHeader("User-Agent") + '\n' + what));
    }

    private String hash(String visit) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt);
            return java.util.HexFormat.of().formatHex(digest.digest(visit.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
