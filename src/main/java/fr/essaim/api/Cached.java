package fr.essaim.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

/**
 * Public GET answers that partners and browsers can keep and revalidate: the entity tag is a digest
 * of the very bytes sent, so it changes whenever anything in the answer changes.
 */
public final class Cached {

    static final MediaType JSON = MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8");

    /** The bytes are digested before they are sent: the answer is written here, not by the container. */
    private static final Jsonb JSONB = JsonbBuilder.create();

    private Cached() {
    }

    /** Short shared caching: the index changes within seconds of a publication. */
    public static CacheControl publicFor(int seconds) {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(seconds);
        cache.setNoTransform(false);
        // Published content is the same for everybody: shared caches may keep it.
        cache.getCacheExtension().put("public", null);
        return cache;
    }

    /**
     * An answer written as JSON in UTF-8, with the entity tag of its bytes: kept as bytes, so that an
     * answer given again is not encoded again (accented text took the encoder's slow path each time).
     */
    record Body(byte[] bytes, EntityTag tag) {

        static Body of(Object entity, String tagPrefix) {
            return of(JSONB.toJson(entity).getBytes(StandardCharsets.UTF_8), tagPrefix);
        }

        static Body of(byte[] bytes, String tagPrefix) {
            return new Body(bytes, new EntityTag(tagPrefix + digest(bytes)));
        }
    }

    /** 200 with the body, or 304 when the client already holds the same bytes. */
    public static Response json(Request request, Object body, String tagPrefix, int maxAge) {
        return json(request, Body.of(body, tagPrefix), maxAge);
    }

    static Response json(Request request, Body body, int maxAge) {
        Response.ResponseBuilder notModified = request.evaluatePreconditions(body.tag());
        Response.ResponseBuilder answer = notModified != null ? notModified : Response.ok(body.bytes(), JSON);
        return answer.tag(body.tag()).cacheControl(publicFor(maxAge)).header("Vary", "Accept-Encoding").build();
    }

    /**
     * The JSON of answers that a service keeps and gives again as the same object: written once per
     * object, not at each request (the search's cached answers were written again every time).
     * Objects are told apart by identity; the least recently used are dropped.
     */
    static final class Written {

        private final Map<Integer, Object[]> bodies;

        Written(int capacity) {
            bodies = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Integer, Object[]> eldest) {
                    return size() > capacity;
                }
            });
        }

        Body of(Object answer, java.util.function.Supplier<Body> write) {
            int key = System.identityHashCode(answer);
            Object[] kept = bodies.get(key);
            if (kept != null && kept[0] == answer) {
                return (Body) kept[1];
            }
            Body body = write.get();
            bodies.put(key, new Object[] {answer, body});
            return body;
        }
    }

    static String digest(byte[] bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 22);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
