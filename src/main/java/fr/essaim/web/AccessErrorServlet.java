package fr.essaim.web;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import fr.essaim.shared.JsonFields;

/** 401 and 403 refused by the container: JSON for the API, a French page for the site. */
@WebServlet("/erreur-acces")
public class AccessErrorServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 403;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        boolean api = uri instanceof String path && path.startsWith(request.getContextPath() + "/api/");
        response.setStatus(status);
        if (api) {
            response.setContentType("application/json;charset=UTF-8");
            response.getWriter().write(JsonFields.JSON.createObjectBuilder().add("status", status)
                    .add("error", status == 401 ? "Identification requise." : "Votre compte n'a pas le rôle requis pour cette action.")
                    .build().toString());
            return;
        }
        request.setAttribute("essaimAccessStatus", status);
        request.getRequestDispatcher("/erreur-acces.xhtml").forward(request, response);
    }
}
