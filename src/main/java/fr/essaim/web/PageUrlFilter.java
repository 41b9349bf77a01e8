package fr.essaim.web;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serves the bookmarkable French addresses {@code /recherche}, {@code /themes/{code}} and
 * {@code /territoires/{key}} with their Facelets views; the query string travels with the forward.
 */
@WebFilter(urlPatterns = {"/recherche", "/themes/*", "/territoires/*"})
public class PageUrlFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String target;
        if (path.equals("/recherche")) {
            target = "/recherche.xhtml";
        } else if (path.startsWith("/themes/")) {
            target = withKey("/theme.xhtml?code=", path.substring("/themes/".length()));
        } else if (path.startsWith("/territoires/")) {
            target = withKey("/territoire.xhtml?key=", path.substring("/territoires/".length()));
        } else {
            target = null;
        }
        if (target == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        request.getRequestDispatcher(target).forward(request, response);
    }

    private static String withKey(String view, String key) {
        if (key.isEmpty() || key.contains("/")) {
            return null;
        }
        return view + URLEncoder.encode(URLDecoder.decode(key, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
}
