package fr.essaim.security;

import java.net.URI;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The address visitors use, for every absolute link, feed, sitemap and redirect: {@code ESSAIM_PUBLIC_URL}.
 * The request's {@code Host} header is never used, since anyone can write any host in it (cache
 * poisoning). Without the setting, absolute links name the address and port the connection reached
 * on this node, and redirects stay relative.
 */
@ApplicationScoped
public class PublicUrl {

    private Optional<String> configured = Optional.empty();

    protected PublicUrl() {
    }

    @Inject
    public PublicUrl(@ConfigProperty(name = "essaim.public.url") Optional<String> url) {
        this.configured = url.filter(u -> !u.isBlank()).map(PublicUrl::check);
    }

    /** For code outside CDI (servlets, filters): the same setting read at each call. */
    public static PublicUrl fromConfig() {
        return new PublicUrl(ConfigProvider.getConfig(PublicUrl.class.getClassLoader())
                .getOptionalValue("essaim.public.url", String.class));
    }

    /** Scheme, host, port and context root, without a final slash: {@code https://essaim.example.fr}. */
    public String origin(HttpServletRequest request) {
        if (configured.isPresent()) {
            return configured.get();
        }
        String scheme = request.isSecure() ? "https" : "http";
        String host = request.getLocalAddr();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        int port = request.getLocalPort();
        boolean usual = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + host + (usual ? "" : ":" + port) + request.getContextPath();
    }

    /** Where a redirect to a path of this site points: absolute with the setting, relative otherwise. */
    public String redirect(HttpServletRequest request, String pathInContext) {
        return redirect(request.getContextPath(), pathInContext);
    }

    String redirect(String contextPath, String pathInContext) {
        return configured.map(url -> url + pathInContext).orElse(contextPath + pathInContext);
    }

    public Optional<String> configured() {
        return configured;
    }

    static String check(String url) {
        String value = url.strip();
        while (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                || uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null) {
            throw new IllegalArgumentException("ESSAIM_PUBLIC_URL : « " + url + " » n'est pas une adresse http(s) de site, "
                    + "par exemple https://essaim.example.fr");
        }
        return value;
    }
}
