package fr.essaim.security;

import java.io.IOException;

import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * No {@code Location} built from the request's {@code Host}: the container's {@code sendRedirect}
 * and the REST layer make relative locations absolute with it. Here a location on this site is
 * written with {@code ESSAIM_PUBLIC_URL}, or left relative without it.
 */
@WebFilter(urlPatterns = "/*", dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.ERROR},
        asyncSupported = true)
public class PublicRedirects extends HttpFilter {

    @Inject
    PublicUrl publicUrl;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            @Override
            public void sendRedirect(String location) throws IOException {
                String rewritten = rewrite(request, location);
                if (rewritten.startsWith("/") || !rewritten.equals(location)) {
                    if (isCommitted()) {
                        throw new IllegalStateException("Réponse déjà envoyée");
                    }
                    resetBuffer();
                    setStatus(SC_FOUND);
                    super.setHeader("Location", rewritten);
                    flushBuffer();
                    return;
                }
                super.sendRedirect(location);
            }

            @Override
            public void setHeader(String name, String value) {
                super.setHeader(name, "Location".equalsIgnoreCase(name) ? rewrite(request, value) : value);
            }

            @Override
            public void addHeader(String name, String value) {
                super.addHeader(name, "Location".equalsIgnoreCase(name) ? rewrite(request, value) : value);
            }
        });
    }

    /** A location on this site, by the public address or relative; any other location as it is. */
    String rewrite(HttpServletRequest request, String location) {
        return rewrite(publicUrl, request.getHeader("Host"), request.getContextPath(), location);
    }

    static String rewrite(PublicUrl publicUrl, String host, String context, String location) {
        if (location == null) {
            return null;
        }
        String path = location;
        if (host != null) {
            for (String scheme : new String[] {"http://", "https://"}) {
                String origin = scheme + host;
                if (location.regionMatches(true, 0, origin, 0, origin.length())
                        && (location.length() == origin.length() || location.charAt(origin.length()) == '/')) {
                    path = location.substring(origin.length());
                    path = path.isEmpty() ? "/" : path;
                }
            }
        }
        if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) {
            return location;
        }
        String inContext = !context.isEmpty() && path.startsWith(context) ? path.substring(context.length()) : path;
        return publicUrl.redirect(context, inContext);
    }
}
