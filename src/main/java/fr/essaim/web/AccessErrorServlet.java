package fr.essaim.web;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import fr.essaim.problem.Problems;

/** 401 and 403 refused by the container: JSON for the API, a French page for the site. */
@WebServlet("/erreur-acces")
public class AccessErrorServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 403;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String path && Problems.isApi(path.substring(request.getContextPath().length()))) {
            Problems.write(response, status, status == 401 ? "Identification requise."
                    : "Votre compte n'a pas le rôle requis pour cette action.");
            return;
        }
        response.setStatus(status);
        request.setAttribute("essaimAccessStatus", status);
        request.getRequestDispatcher("/erreur-acces.xhtml").forward(request, response);
    }
}
