package fr.essaim.web;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The short French addresses of the writers' pages. Security constraints apply to the address
 * asked for, and the views live in folders that web.xml protects as a whole.
 */
@WebFilter(urlPatterns = {"/connexion", "/deconnexion", "/relecture", "/admin"})
public class WritingRoutes extends HttpFilter {

    private static final Map<String, String> VIEWS = Map.of(
            "/connexion", "/connexion.xhtml",
            "/deconnexion", "/deconnexion.xhtml",
            "/relecture", "/ecriture/relecture.xhtml",
            "/admin", "/ecriture/admin.xhtml");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String view = VIEWS.get(request.getServletPath());
        if (view == null) {
            chain.doFilter(request, response);
            return;
        }
        request.getRequestDispatcher(view).forward(request, response);
    }
}
