package fr.essaim.security;

import java.io.IOException;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * The session cookie is never sent with a cross-site POST (SameSite=Lax), nor readable by scripts,
 * and Secure when the request came over HTTPS (directly, or through a proxy that says so in
 * {@code X-Forwarded-Proto}, see the scheme mapping of {@code pre-boot-commands.txt}). The only
 * writer of the attribute: the container ignores it in {@code web.xml}, and its listener setting
 * writes it twice. So the cookie header is written again whenever a session starts or changes id.
 */
// Also on forwards: the order of annotated filters is not fixed, and a page address forwarded by
// another filter before this one ran would otherwise start its session unseen.
@WebFilter(urlPatterns = "/*", dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.FORWARD})
public class SessionCookieFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public HttpSession getSession(boolean create) {
                HttpSession before = super.getSession(false);
                HttpSession session = super.getSession(create);
                if (session != null && before == null) {
                    writeCookie(request, response, session.getId());
                }
                return session;
            }

            @Override
            public HttpSession getSession() {
                return getSession(true);
            }

            @Override
            public String changeSessionId() {
                String id = super.changeSessionId();
                writeCookie(request, response, id);
                return id;
            }
        }, response);
    }

    /** Replaces the container's session cookie header with one that carries every attribute. */
    public static void writeCookie(HttpServletRequest request, HttpServletResponse response, String id) {
        if (response.isCommitted()) {
            return;
        }
        String path = request.getContextPath().isEmpty() ? "/" : request.getContextPath();
        boolean secure = request.isSecure();
        // Other cookies of the answer (the sign-in's) stay: only the container's session cookie is replaced.
        java.util.List<String> others = response.getHeaders("Set-Cookie").stream()
                .filter(header -> !header.startsWith("JSESSIONID=")).toList();
        response.setHeader("Set-Cookie", "JSESSIONID=" + id + "; Path=" + path + "; HttpOnly; SameSite=Lax"
                + (secure ? "; Secure" : ""));
        others.forEach(header -> response.addHeader("Set-Cookie", header));
    }
}
