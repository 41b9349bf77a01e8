package fr.essaim.web;

import java.io.IOException;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import fr.essaim.problem.Problems;

/**
 * The French 400 of an address with a malformed percent escape ({@code /fiches/%ZZ}): the HTTP
 * listener sends such a request here before Payara decodes its path (startup/MalformedAddressProbe).
 */
@WebServlet(MalformedAddressServlet.PATH)
public class MalformedAddressServlet extends HttpServlet {

    public static final String PATH = "/erreur-adresse";
    /** The query string of a request whose address was under /api/: its answer is a problem. */
    public static final String API = "api";

    private static final String DETAIL = "L'adresse demandée ne peut pas être lue : un « % » doit être suivi de deux"
            + " chiffres hexadécimaux qui forment un texte UTF-8.";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Connection", "close");
        if (API.equals(request.getQueryString())) {
            Problems.write(response, HttpServletResponse.SC_BAD_REQUEST, DETAIL);
            return;
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">"
                + "<title>Requête mal formée</title></head><body><h1>Requête mal formée</h1><p>" + DETAIL
                + "</p><p><a href=\"/\">Retour à l'accueil</a></p></body></html>\n");
    }
}
