package fr.essaim.web;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serves the bookmarkable address {@code /fiches/{slug}} with the Facelets view of a sheet, and the
 * writers' addresses under it through {@link WritingPages}.
 */
@WebFilter(urlPatterns = "/fiches/*")
public class SheetUrlFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getPathInfo() != null ? request.getPathInfo()
                : request.getRequestURI().substring(request.getContextPath().length() + "/fiches".length());
        String slug = path.startsWith("/") ? path.substring(1) : path;
        String writing = WritingPages.route(slug, request, response);
        if (writing != null) {
            if (!writing.isEmpty()) {
                request.getRequestDispatcher(writing).forward(request, response);
            }
            return;
        }
        if (slug.isEmpty() || slug.contains("/")) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String target = "/sheet.xhtml?slug=" + URLEncoder.encode(slug, StandardCharsets.UTF_8);
        request.getRequestDispatcher(target).forward(request, response);
    }
}
