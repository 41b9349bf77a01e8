package fr.essaim.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Partner sites read published content from their own pages: the public read API only (search,
 * sheets, themes and territories). Administration, accounts, tokens, revisions and exports are
 * never readable from another site, not even their refusals.
 */
@Provider
public class CorsFilter implements ContainerResponseFilter {

    static final java.util.Set<Class<?>> PUBLIC_READS = java.util.Set.of(SearchResource.class, SheetResource.class,
            ReferenceResource.class);

    @jakarta.ws.rs.core.Context
    jakarta.ws.rs.container.ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        Class<?> target = resource == null ? null : resource.getResourceClass();
        if (read && target != null && PUBLIC_READS.contains(target)) {
            allowPublicRead(response.getHeaders()::putSingle);
        }
    }

    /** The headers of a public read, for the REST answers and for those given before the REST layer. */
    static void allowPublicRead(java.util.function.BiConsumer<String, String> header) {
        header.accept("Access-Control-Allow-Origin", "*");
        header.accept("Access-Control-Expose-Headers", "ETag, Last-Modified");
    }
}
