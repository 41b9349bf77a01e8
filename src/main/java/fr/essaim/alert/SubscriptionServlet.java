package fr.essaim.alert;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The follow pages {@code /abonnements/…}: plain HTML forms posted here (no script needed), answered
 * by a redirection to a page, so that reloading a page never repeats an action. Reading a link
 * never changes anything (mail scanners open links): confirming and stopping take a button.
 */
@WebServlet(urlPatterns = {"/abonnements", "/abonnements/*"})
public class SubscriptionServlet extends HttpServlet {

    static final String ERROR = "fr.essaim.alert.error";
    private static final Map<String, String> PAGES = Map.of(
            "/demande", "/abonnements-demande.xhtml",
            "/confirmer", "/abonnements-confirmer.xhtml",
            "/gerer", "/abonnements-gerer.xhtml",
            "/desabonner", "/abonnements-desabonner.xhtml",
            "/termine", "/abonnements-termine.xhtml");

    @Inject
    AlertService alerts;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String page = PAGES.get(String.valueOf(request.getPathInfo()));
        if (page == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        // The token in the address must not travel to another site.
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
        request.getRequestDispatcher(page).forward(request, response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        request.setCharacterEncoding("UTF-8");
        String token = request.getParameter("jeton");
        try {
            switch (String.valueOf(request.getPathInfo())) {
                case "null", "/" -> subscribe(request, response);
                case "/confirmer" -> {
                    if (alerts.confirm(token)) {
                        redirect(request, response, "/abonnements/gerer?confirme=1&jeton=" + encode(token));
                    } else {
                        invalidLink(request, response);
                    }
                }
                case "/arreter" -> {
                    long id = parseId(request.getParameter("id"));
                    if (id < 0 || !alerts.stop(token, id)) {
                        invalidLink(request, response);
                    } else if (alerts.byToken(token).isPresent()) {
                        redirect(request, response, "/abonnements/gerer?arrete=1&jeton=" + encode(token));
                    } else {
                        redirect(request, response, "/abonnements/termine");
                    }
                }
                case "/desabonner" -> {
                    alerts.unsubscribe(token);
                    if ("One-Click".equals(request.getParameter("List-Unsubscribe"))) {
                        // RFC 8058: the mail program posts and shows nothing; a dead token is no error, the address is gone.
                        response.setContentType("text/plain;charset=UTF-8");
                        response.getWriter().write("Désabonnement effectué : votre adresse est effacée.\n");
                    } else {
                        redirect(request, response, "/abonnements/termine");
                    }
                }
                default -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
            }
        } catch (SQLException e) {
            throw new ServletException("abonnements indisponibles", e);
        }
    }

    private void subscribe(HttpServletRequest request, HttpServletResponse response)
            throws SQLException, ServletException, IOException {
        try {
            alerts.subscribe(request.getParameter("email"), request.getParameter("search"), request.getParameter("sheet"),
                    alerts.client(request.getRemoteAddr(), request.getHeader("X-Forwarded-For")));
            redirect(request, response, "/abonnements/demande");
        } catch (InvalidSubscriptionException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            showDemand(request, response, e.getMessage());
        } catch (ThrottledException e) {
            response.setStatus(429);
            response.setHeader("Retry-After", String.valueOf(Math.max(1, e.retryAfter().toSeconds())));
            showDemand(request, response, e.getMessage());
        }
    }

    private static void showDemand(HttpServletRequest request, HttpServletResponse response, String message)
            throws ServletException, IOException {
        request.setAttribute(ERROR, message);
        request.getRequestDispatcher(PAGES.get("/demande")).forward(request, response);
    }

    private static void invalidLink(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        request.setAttribute(ERROR, "Ce lien n'est pas ou plus valable : l'abonnement a peut-être été arrêté.");
        request.getRequestDispatcher(PAGES.get("/gerer")).forward(request, response);
    }

    private static long parseId(String id) {
        try {
            return id == null ? -1 : Long.parseLong(id);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** 303: the page after a form is fetched with GET. Relative to this site, never to the Host asked for. */
    private static void redirect(HttpServletRequest request, HttpServletResponse response, String path) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + path);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
