package fr.essaim.alert;

import java.time.Duration;

/** Too many subscription requests from one client: try again after the delay. */
public class ThrottledException extends Exception {

    private final Duration retryAfter;

    public ThrottledException(Duration retryAfter) {
        super("Trop de demandes d'abonnement depuis votre connexion : réessayez dans "
                + Math.max(1, (retryAfter.toSeconds() + 59) / 60) + " minute(s).");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
