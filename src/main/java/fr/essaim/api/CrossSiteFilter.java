package fr.essaim.api;

import java.net.URI;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

import fr.essaim.problem.Problems;

/**
 * Against cross-site request forgery on the API: a browser that a foreign page drives sends its
 * {@code Origin} (or {@code Sec-Fetch-Site: cross-site}); writes from such a request are refused,
 * whatever credentials the browser would add. Programs send neither header and are not affected.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class CrossSiteFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        String method = request.getMethod();
        if ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)) {
            return;
        }
        String fetchSite = request.getHeaderString("Sec-Fetch-Site");
        String origin = request.getHeaderString("Origin");
        if ("cross-site".equalsIgnoreCase(fetchSite) || origin != null && !sameOrigin(origin, request.getUriInfo().getBaseUri())) {
            request.abortWith(Problems.response(403, "Requête refusée : une écriture ne peut pas venir d'une page d'un autre site."));
        }
    }

    private static boolean sameOrigin(String origin, URI base) {
        try {
            URI o = URI.create(origin.strip());
            int port = o.getPort() != -1 ? o.getPort() : "https".equals(o.getScheme()) ? 443 : 80;
            int basePort = base.getPort() != -1 ? base.getPort() : "https".equals(base.getScheme()) ? 443 : 80;
            return o.getHost() != null && o.getHost().equalsIgnoreCase(base.getHost()) && port == basePort;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
