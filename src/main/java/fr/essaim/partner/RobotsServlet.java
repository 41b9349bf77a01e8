package fr.essaim.partner;

import java.io.IOException;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Robots read the public pages and the sitemap, not the pages for people who write nor the API. */
@WebServlet("/robots.txt")
public class RobotsServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        PartnerAnswers.publicFor(response, 86_400);
        response.getWriter().write("""
                User-agent: *
                Disallow: /api/
                Disallow: /admin
                Disallow: /connexion
                Disallow: /deconnexion
                Disallow: /relecture
                Disallow: /fiches/nouvelle
                Disallow: /*/modifier
                Disallow: /*/diff
                Allow: /

                Sitemap: %s/sitemap.xml
                """.formatted(PartnerAnswers.origin(request)));
    }
}
