package fr.essaim.api;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;

import fr.essaim.problem.Problems;

/**
 * Deny by default: a method that changes something (POST, PUT, PATCH, DELETE) is refused to
 * everyone unless it declares who may call it with {@code @RolesAllowed} or {@code @PermitAll}.
 * Reading methods are public unless they declare roles. Anonymous callers get 401, callers
 * without the role 403, both in JSON.
 */
@Provider
public class AccessPolicy implements DynamicFeature {

    /** Before the container's own check of {@code @RolesAllowed}, so that refusals say which role is missing. */
    private static final int CHECK_PRIORITY = Priorities.AUTHORIZATION - 10;

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Method method = resource.getResourceMethod();
        Class<?> type = resource.getResourceClass();
        RolesAllowed roles = method.getAnnotation(RolesAllowed.class) != null ? method.getAnnotation(RolesAllowed.class)
                : method.isAnnotationPresent(PermitAll.class) ? null : type.getAnnotation(RolesAllowed.class);
        boolean permitted = method.isAnnotationPresent(PermitAll.class)
                || roles == null && type.isAnnotationPresent(PermitAll.class);
        if (roles != null) {
            context.register(new RoleCheck(Set.of(roles.value())), CHECK_PRIORITY);
        } else if (!permitted && writes(method)) {
            context.register(new RoleCheck(Set.of()), CHECK_PRIORITY);
        }
    }

    private static boolean writes(Method method) {
        return List.of(POST.class, PUT.class, PATCH.class, DELETE.class).stream().anyMatch(method::isAnnotationPresent);
    }

    static final class RoleCheck implements ContainerRequestFilter {

        private final Set<String> roles;

        RoleCheck(Set<String> roles) {
            this.roles = roles;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            SecurityContext security = request.getSecurityContext();
            if (security.getUserPrincipal() == null) {
                request.abortWith(Response.fromResponse(Problems.response(Response.Status.UNAUTHORIZED,
                                "Identification requise : envoyez un jeton d'API (Authorization: Bearer …) "
                                        + "ou les identifiants d'un compte (HTTP Basic)."))
                        .header("WWW-Authenticate", "Basic realm=\"Essaim\", charset=\"UTF-8\"").build());
            } else if (roles.stream().noneMatch(security::isUserInRole)) {
                request.abortWith(Problems.response(Response.Status.FORBIDDEN, roles.isEmpty()
                        ? "Cette action n'est ouverte à aucun compte."
                        : "Le compte « " + security.getUserPrincipal().getName() + " » n'a pas le rôle requis ("
                                + String.join(" ou ", Arrays.stream(roles.toArray(String[]::new)).sorted().toList()) + ")."));
            }
        }
    }
}
