package fr.essaim.partner;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import fr.essaim.problem.Problems;

/** What the partner addresses (feeds, sitemap, robots, OpenSearch) share: absolute addresses, caching and refusals. */
final class PartnerAnswers {

    private PartnerAnswers() {
    }

    /** The public address of the site ({@code ESSAIM_PUBLIC_URL}), never the request's Host: partner documents carry absolute addresses. */
    static String origin(HttpServletRequest request) {
        return fr.essaim.security.PublicUrl.fromConfig().origin(request);
    }

    static MultivaluedMap<String, String> parameters(HttpServletRequest request) {
        MultivaluedMap<String, String> parameters = new MultivaluedHashMap<>();
        for (Map.Entry<String, String[]> entry : request.getParameterMap().entrySet()) {
            parameters.addAll(entry.getKey(), entry.getValue());
        }
        return parameters;
    }

    static void publicFor(HttpServletResponse response, int seconds) {
        response.setHeader("Cache-Control", "public, max-age=" + seconds);
        response.setHeader("Vary", "Accept-Encoding");
    }

    /** A refusal in the same problem format as the API, with its French message. */
    static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        Problems.write(response, status, message);
    }
}
