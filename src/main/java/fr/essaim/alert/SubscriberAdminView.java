package fr.essaim.alert;

import java.sql.SQLException;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;

/** The administration section on one subscribed address: see (export) or erase its data. */
@Named
@RequestScoped
public class SubscriberAdminView {

    @Inject
    AlertService alerts;

    private String email;
    private String export;

    public void show() throws SQLException {
        try {
            Optional<Alerts.Export> data = alerts.export(email);
            if (data.isEmpty()) {
                say(FacesMessage.SEVERITY_INFO, "Aucune donnée pour cette adresse.");
                return;
            }
            try (Jsonb json = JsonbBuilder.create(new JsonbConfig().withFormatting(true))) {
                export = json.toJson(data.get());
            }
        } catch (InvalidSubscriptionException e) {
            say(FacesMessage.SEVERITY_ERROR, e.getMessage());
        } catch (Exception e) {
            throw new SQLException("export impossible", e);
        }
    }

    public void erase() throws SQLException {
        try {
            say(FacesMessage.SEVERITY_INFO, alerts.erase(email) ? "Adresse, abonnements et courriels effacés."
                    : "Aucune donnée pour cette adresse.");
        } catch (InvalidSubscriptionException e) {
            say(FacesMessage.SEVERITY_ERROR, e.getMessage());
        }
    }

    private static void say(FacesMessage.Severity severity, String message) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, message, null));
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getExport() {
        return export;
    }
}
