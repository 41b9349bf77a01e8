package fr.essaim.partner;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The bookmarkable addresses of the partner pages: {@code /partenaires} (widget documentation and
 * configurator) and {@code /api} (the readable OpenAPI document), plus caching of {@code /widget.js}.
 */
@WebFilter(urlPatterns = {"/partenaires", "/api", "/api/", "/widget.js"})
public class PartnerPages extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        switch (path) {
            case "/partenaires" -> request.getRequestDispatcher("/partenaires.xhtml").forward(request, response);
            case "/api", "/api/" -> request.getRequestDispatcher("/documentation-api.xhtml").forward(request, response);
            default -> {
                // Partners' pages load the widget on every visit: browsers keep it an hour, then revalidate its ETag.
                response.setHeader("Cache-Control", "public, max-age=3600");
                chain.doFilter(request, response);
            }
        }
    }
}
