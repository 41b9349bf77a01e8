package fr.essaim.alert;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** What the follow pages show: the form to retry after an error, and an address's subscriptions. */
@Named("abonnements")
@RequestScoped
public class SubscriptionsView {

    @Inject
    AlertService alerts;

    private Optional<Subscriber> subscriber = Optional.empty();
    private boolean loaded;

    /** Reads the token of the address; an unknown one answers 404 with a French message. */
    public void load() throws SQLException {
        if (loaded) {
            return;
        }
        loaded = true;
        subscriber = alerts.byToken(getToken());
        if (subscriber.isEmpty() && getError() == null) {
            FacesContext.getCurrentInstance().getExternalContext().setResponseStatus(404);
        }
    }

    public Subscriber getSubscriber() {
        return subscriber.orElse(null);
    }

    public List<Subscriber.Subscription> getSubscriptions() {
        return subscriber.map(Subscriber::subscriptions).orElse(List.of());
    }

    public String getToken() {
        return param("jeton");
    }

    public String getError() {
        Object error = external().getRequestMap().get(SubscriptionServlet.ERROR);
        return error == null ? null : error.toString();
    }

    /** Why the page shows no subscriptions. */
    public String getInvalidLink() {
        String error = getError();
        return error != null ? error : "Ce lien n'est pas ou plus valable : l'abonnement a peut-être été arrêté.";
    }

    public String param(String name) {
        return external().getRequestParameterMap().get(name);
    }

    /** The query string of a search page's words and filters: what its follow form sends. */
    public String searchOf(String query, Map<String, List<String>> filters) {
        return SearchStrings.of(query, filters == null ? Map.of() : filters);
    }

    private static ExternalContext external() {
        return FacesContext.getCurrentInstance().getExternalContext();
    }
}
