package fr.essaim.startup;

import java.io.IOException;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import fr.essaim.problem.Problems;

/**
 * Until this node's start is complete, every page and API call is answered 503 with a French
 * message and a {@code Retry-After}, never a half-started application or an error.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class StartingFilter extends HttpFilter {

    static final String RETRY_AFTER_SECONDS = "5";

    @Inject
    StartupState startup;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (startup.isStarted()) {
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        response.setHeader("Cache-Control", "no-store");
        response.setCharacterEncoding("UTF-8");
        String message = "Essaim démarre (" + startup.phase() + ") : réessayez dans quelques secondes.";
        if (Problems.isApi(path)) {
            Problems.write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, message);
        } else {
            response.setContentType("text/html");
            response.getWriter().write("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">"
                    + "<title>Essaim démarre</title></head><body><main><h1>Essaim démarre</h1><p>"
                    + message + "</p></main></body></html>");
        }
    }
}
