package fr.essaim.web;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import fr.essaim.security.Roles;

/**
 * The writers' addresses under {@code /fiches/}: {@code nouvelle}, {@code {slug}/modifier},
 * {@code {slug}/historique}, {@code {slug}/diff}. A forward skips the container's constraints, so
 * the editing pages are checked here: no account → the login form, no role → 403.
 */
final class WritingPages {

    private WritingPages() {
    }

    /** The view to forward to; "" when the answer was already sent; null when it is not a writers' address. */
    static String route(String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (path.equals("nouvelle")) {
            return contributorOnly(request, response) ? "/ecriture/fiche.xhtml" : "";
        }
        String[] parts = path.split("/", -1);
        if (parts.length != 2 || parts[0].isEmpty()) {
            return null;
        }
        String slug = URLEncoder.encode(parts[0], StandardCharsets.UTF_8);
        switch (parts[1]) {
            case "modifier":
                return contributorOnly(request, response) ? "/ecriture/fiche.xhtml?slug=" + slug : "";
            case "reprendre":
                return contributorOnly(request, response) ? "/ecriture/fiche.xhtml?reprise=" + slug : "";
            case "historique":
                return "/revisions/historique.xhtml?slug=" + slug;
            case "diff":
                return "/revisions/diff.xhtml?slug=" + slug;
            default:
                return null;
        }
    }

    private static boolean contributorOnly(HttpServletRequest request, HttpServletResponse response) throws IOException {
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
