package fr.essaim.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

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

    /** 200 with the body, or 304 when the client already holds the same bytes. */
    public static Response json(Request request, Object body, String tagPrefix, int maxAge) {
        String text = JSONB.toJson(body);
        EntityTag etag = new EntityTag(tagPrefix + digest(text));
        Response.ResponseBuilder notModified = request.evaluatePreconditions(etag);
        Response.ResponseBuilder answer = notModified != null ? notModified : Response.ok(text, JSON);
        return answer.tag(etag).cacheControl(publicFor(maxAge)).header("Vary", "Accept-Encoding").build();
    }

    static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 22);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
