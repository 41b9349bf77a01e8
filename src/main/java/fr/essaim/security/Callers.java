package fr.essaim.security;

import java.security.Principal;
import java.util.function.Predicate;

import fr.essaim.sheet.Actor;

/** The authenticated caller as the services know it. */
public final class Callers {

    private Callers() {
    }

    /** The actor for a principal and its role check; null for an anonymous caller. */
    public static Actor actor(Principal principal, Predicate<String> inRole) {
        if (principal == null) {
            return null;
        }
        return new Actor(principal.getName(), java.util.Set.copyOf(Roles.ALL.stream().filter(inRole).toList()));
    }
}
