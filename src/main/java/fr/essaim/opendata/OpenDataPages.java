package fr.essaim.opendata;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The French addresses of the open-data page and of the pages a public site owes its visitors. */
@WebFilter(urlPatterns = {"/donnees", "/accessibilite", "/mentions-legales", "/donnees-personnelles", "/plan-du-site"})
public class OpenDataPages extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        request.getRequestDispatcher(path + ".xhtml").forward(request, response);
    }
}
