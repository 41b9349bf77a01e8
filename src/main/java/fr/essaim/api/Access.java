package fr.essaim.api;

import java.util.Optional;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/** Refusals for callers without the role a write needs: 401 to log in, 403 when logged in without it. */
final class Access {

    private Access() {
    }

    static Optional<Response> refusedUnless(SecurityContext security, String role) {
        if (security.getUserPrincipal() == null) {
            Response unauthorized = ApiError.of(Response.Status.UNAUTHORIZED,
                    "Identification requise : compte avec le rôle « " + role + " ».");
            return Optional.of(Response.fromResponse(unauthorized)
                    .header("WWW-Authenticate", "Basic realm=\"Essaim\", charset=\"UTF-8\"").build());
        }
        if (!security.isUserInRole(role)) {
            return Optional.of(ApiError.of(Response.Status.FORBIDDEN,
                    "Le compte « " + security.getUserPrincipal().getName() + " » n'a pas le rôle « " + role + " »."));
        }
        return Optional.empty();
    }
}
