package fr.essaim.web;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import fr.essaim.security.Roles;

/**
 * Every bookmarkable French address of the site and the Facelets view that serves it; the query
 * string travels with the forward. Security constraints (web.xml) apply to the address asked for,
 * and the writers' views live in folders web.xml protects as a whole; a forward skips them, so the
 * one writers' address under a sheet, {@code /fiches/{slug}/modifier}, checks its caller here.
 */
@WebFilter(urlPatterns = {"/recherche", "/themes/*", "/territoires/*", "/fiches/*", "/connexion", "/deconnexion",
    "/relecture", "/admin", "/mes-fiches"})
public class Routes extends HttpFilter {

    private static final Map<String, String> FIXED = Map.of(
            "/recherche", "/recherche.xhtml",
            "/connexion", "/connexion.xhtml",
            "/deconnexion", "/deconnexion.xhtml",
            "/relecture", "/ecriture/relecture.xhtml",
            "/admin", "/ecriture/admin.xhtml",
            "/mes-fiches", "/ecriture/mes-fiches.xhtml",
            "/fiches/nouvelle", "/ecriture/fiche.xhtml");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String view = FIXED.get(path);
        if (view == null && path.startsWith("/themes/")) {
            view = withKey("/theme.xhtml?code=", path.substring("/themes/".length()));
        } else if (view == null && path.startsWith("/territoires/")) {
            view = withKey("/territoire.xhtml?key=", path.substring("/territoires/".length()));
        } else if (view == null && path.startsWith("/fiches/")) {
            view = sheet(path.substring("/fiches/".length()), request, response);
            if (view != null && view.isEmpty()) {
                return;
            }
        }
        if (view == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        request.getRequestDispatcher(view).forward(request, response);
    }

    private static String withKey(String view, String key) {
        if (key.isEmpty() || key.contains("/")) {
            return null;
        }
        return view + URLEncoder.encode(URLDecoder.decode(key, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    /** A sheet, its history, a diff or its editor; "" when the answer was already sent; null when unknown. */
    private static String sheet(String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
        String[] parts = path.split("/", -1);
        if (parts[0].isEmpty() || parts.length > 2) {
            return null;
        }
        String slug = URLEncoder.encode(parts[0], StandardCharsets.UTF_8);
        if (parts.length == 1) {
            return "/sheet.xhtml?slug=" + slug;
        }
        return switch (parts[1]) {
            case "modifier" -> writer(request, response) ? "/ecriture/fiche.xhtml?slug=" + slug : "";
            case "reprendre" -> writer(request, response) ? "/ecriture/fiche.xhtml?reprise=" + slug : "";
            case "historique" -> "/revisions/historique.xhtml?slug=" + slug;
            case "diff" -> "/revisions/diff.xhtml?slug=" + slug;
            default -> null;
        };
    }

    /** No account: the login form, back here afterwards; an account without a writer's role: 403. */
    private static boolean writer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getUserPrincipal() == null) {
            String back = request.getRequestURI().substring(request.getContextPath().length())
                    + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
            response.sendRedirect(request.getContextPath() + "/connexion?retour=" + URLEncoder.encode(back, StandardCharsets.UTF_8));
            return false;
        }
        if (Roles.ALL.stream().noneMatch(request::isUserInRole)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return false;
        }
        return true;
    }
}
