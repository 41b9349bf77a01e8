package fr.essaim.security;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import fr.essaim.problem.Problems;

/**
 * The one way in. People log in with the form of {@code /connexion} and stay logged in through
 * a sign-in cookie that every node recognises ({@link SignIns}); programs send an API token ({@code Bearer}) or HTTP Basic credentials with each
 * request. Password checks go through the throttle. A protected address reached without
 * credentials answers 401 in JSON for the API, and the login form for pages.
 */
@ApplicationScoped
public class EssaimAuthentication implements HttpAuthenticationMechanism {

    /** Request attribute: how the caller proved who they are, {@code password} or {@code token}. */
    public static final String METHOD = "essaim.auth.method";
    /** Request attribute set when a login was refused for too many failures: the wait, a {@link Duration}. */
    public static final String RETRY_AFTER = "essaim.auth.retryAfter";
    public static final String LOGIN_PAGE = "/connexion";

    private static final Logger LOG = Logger.getLogger(EssaimAuthentication.class.getName());
    private static final String MALFORMED_BASIC = "En-tête Authorization illisible : « Basic » suivi de "
            + "« identifiant:mot de passe » encodé en base64 attendu.";

    @Inject
    TokenService tokens;

    @Inject
    AccountService accounts;

    @Inject
    LoginThrottle throttle;

    @Inject
    PasswordWork work;

    @Inject
    SignIns signIns;

    @Inject
    ClientAddress clientAddress;

    @Inject
    PublicUrl publicUrl;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        try {
            AuthenticationParameters parameters = context.getAuthParameters();
            if (parameters != null && parameters.getCredential() instanceof UsernamePasswordCredential form) {
                return formLogin(form, request, response, context);
            }
            String authorization = request.getHeader("Authorization");
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return token(authorization.substring(7).strip(), request, response, context);
            }
            if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                return basic(authorization.substring(6).strip(), request, response, context);
            }
            Optional<AuthenticationStatus> session = fromSignIn(request, context);
            if (session.isPresent()) {
                return session.get();
            }
            // Payara reports the address of the public subscription request as protected: it is open to anyone.
            if (context.isProtected() && !isOpenToAnyone(request)) {
                if (isApi(request)) {
                    return refuse(response, 401, "Identification requise : envoyez un jeton d'API (Authorization: Bearer …) "
                            + "ou les identifiants d'un compte (HTTP Basic).");
                }
                String back = request.getRequestURI().substring(request.getContextPath().length())
                        + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
                // Not context.redirect: the container would make the address absolute from the Host header.
                response.setStatus(HttpServletResponse.SC_FOUND);
                response.setHeader("Location", publicUrl.redirect(request, LOGIN_PAGE + "?retour="
                        + URLEncoder.encode(back, StandardCharsets.UTF_8)));
                return AuthenticationStatus.SEND_CONTINUE;
            }
            return context.doNothing();
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Identification impossible", e);
            return refuse(response, 503, "Identification momentanément impossible : réessayez dans un instant.");
        }
    }

    @Override
    public void cleanSubject(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        try {
            signIns.signOut(request, response);
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Déconnexion non enregistrée", e);
        }
        HttpAuthenticationMechanism.super.cleanSubject(request, response, context);
    }

    private AuthenticationStatus formLogin(UsernamePasswordCredential credential, HttpServletRequest request,
            HttpServletResponse response, HttpMessageContext context) throws SQLException {
        Optional<CredentialValidationResult> valid = checkPassword(credential, request);
        if (valid.isEmpty()) {
            return AuthenticationStatus.SEND_FAILURE;
        }
        // A new session id at login: an id planted before it is worth nothing after.
        HttpSession old = request.getSession(false);
        if (old != null) {
            request.changeSessionId();
        }
        signIns.signIn(valid.get().getCallerPrincipal().getName(), request, response);
        request.setAttribute(METHOD, "password");
        return context.notifyContainerAboutLogin(valid.get());
    }

    private Optional<AuthenticationStatus> fromSignIn(HttpServletRequest request, HttpMessageContext context)
            throws SQLException {
        Optional<String> caller = signIns.caller(request);
        if (caller.isEmpty()) {
            return Optional.empty();
        }
        // Roles are read again at each request, so that a disabled account or a removed role takes effect at once.
        Optional<Set<String>> roles = accounts.activeRoles(caller.get());
        if (roles.isEmpty()) {
            return Optional.empty();
        }
        request.setAttribute(METHOD, "password");
        return Optional.of(context.notifyContainerAboutLogin(caller.get(), roles.get()));
    }

    private AuthenticationStatus token(String value, HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) throws SQLException {
        Optional<String> owner = tokens.authenticate(value);
        Optional<Set<String>> roles = owner.isEmpty() ? Optional.empty() : accounts.activeRoles(owner.get());
        if (roles.isEmpty()) {
            return refuse(response, 401, "Jeton d'API inconnu ou révoqué.");
        }
        request.setAttribute(METHOD, "token");
        return context.notifyContainerAboutLogin(owner.get(), roles.get());
    }

    private AuthenticationStatus basic(String encoded, HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) throws SQLException {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return refuse(response, 400, MALFORMED_BASIC);
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return refuse(response, 400, MALFORMED_BASIC);
        }
        UsernamePasswordCredential credential = new UsernamePasswordCredential(decoded.substring(0, colon),
                decoded.substring(colon + 1));
        Optional<CredentialValidationResult> valid = checkPassword(credential, request);
        if (valid.isEmpty()) {
            Object wait = request.getAttribute(RETRY_AFTER);
            if (wait instanceof Duration duration) {
                response.setHeader("Retry-After", String.valueOf(seconds(duration)));
                return refuse(response, 429, "Trop d'essais de mot de passe : réessayez dans " + seconds(duration)
                        + " secondes.");
            }
            return refuse(response, 401, "Identifiant ou mot de passe incorrect.");
        }
        request.setAttribute(METHOD, "password");
        return context.notifyContainerAboutLogin(valid.get());
    }

    /**
     * The password check behind the throttle: a locked account or address is not even checked;
     * credentials found right a moment ago are not hashed again; otherwise the check is taken from
     * the address's allowance of slow hashes.
     */
    private Optional<CredentialValidationResult> checkPassword(UsernamePasswordCredential credential,
            HttpServletRequest request) throws SQLException {
        String address = clientAddress.of(request);
        String caller = credential.getCaller();
        String password = credential.getPasswordAsString();
        Optional<Duration> wait = throttle.retryAfter(caller, address);
        if (wait.isEmpty() && work.recentlyVerified(caller, password)) {
            Optional<Set<String>> roles = accounts.activeRoles(caller);
            if (roles.isPresent()) {
                return Optional.of(new CredentialValidationResult(caller, roles.get()));
            }
        }
        if (wait.isEmpty()) {
            wait = work.take(address);
        }
        if (wait.isPresent()) {
            request.setAttribute(RETRY_AFTER, wait.get());
            return Optional.empty();
        }
        Optional<Set<String>> roles = accounts.verify(caller, credential.getPassword().getValue());
        if (roles.isEmpty()) {
            throttle.failed(caller, address);
            throttle.retryAfter(caller, address).ifPresent(d -> request.setAttribute(RETRY_AFTER, d));
            return Optional.empty();
        }
        throttle.succeeded(caller, address);
        work.verified(caller, password);
        return Optional.of(new CredentialValidationResult(caller, roles.get()));
    }

    public static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }

    static boolean isOpenToAnyone(HttpServletRequest request) {
        return request.getRequestURI().equals(request.getContextPath() + "/api/v1/subscriptions");
    }

    static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    /** Answers at once with a problem; the container sends the response as written. */
    private static AuthenticationStatus refuse(HttpServletResponse response, int status, String message) {
        try {
            response.setStatus(status);
            if (status == 401) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"Essaim\", charset=\"UTF-8\"");
            }
            Problems.write(response, status, message);
            response.flushBuffer();
        } catch (IOException e) {
            LOG.log(Level.FINE, "Réponse interrompue", e);
        }
        return AuthenticationStatus.SEND_CONTINUE;
    }
}
