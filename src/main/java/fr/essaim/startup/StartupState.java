package fr.essaim.startup;

import jakarta.enterprise.context.ApplicationScoped;

/** Where this node's start stands: the application serves only once the start is complete. */
@ApplicationScoped
public class StartupState {

    private volatile String phase = "demarrage";
    private volatile boolean started;
    private volatile String failure;

    void phase(String phase) {
        this.phase = phase;
    }

    void started() {
        this.phase = "demarre";
        this.started = true;
    }

    void failed(String reason) {
        this.phase = "erreur";
        this.failure = reason;
    }

    public boolean isStarted() {
        return started;
    }

    public String phase() {
        return phase;
    }

    public String failure() {
        return failure;
    }
}
