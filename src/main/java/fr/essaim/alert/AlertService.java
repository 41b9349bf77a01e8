package fr.essaim.alert;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import fr.essaim.infra.DataSourceDeclaration;
import fr.essaim.infra.Ticker;
import fr.essaim.mail.MailService;
import fr.essaim.mail.PublicUrl;
import fr.essaim.search.InvalidSearchException;
import fr.essaim.search.SearchRequest;
import fr.essaim.search.SearchService;
import fr.essaim.territory.Territory;
import fr.essaim.territory.TerritoryCatalog;
import fr.essaim.theme.Theme;
import fr.essaim.theme.ThemeService;

/**
 * Following searches and sheets by e-mail, in the application: requests (checked and throttled),
 * the pages reached from the mails, and the digest of each period, computed on one node.
 */
@ApplicationScoped
public class AlertService {

    private static final Logger LOG = Logger.getLogger(AlertService.class.getName());

    @Resource(lookup = DataSourceDeclaration.JNDI_NAME)
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    MailService mail;

    @Inject
    SearchService search;

    @Inject
    TerritoryCatalog territories;

    /** Set by the start-up once the schema exists: the status reads the change log. */
    private volatile boolean schemaReady;

    @Inject
    @ConfigProperty(name = "essaim.alerts.every", defaultValue = "P1D")
    String every;

    @Inject
    @ConfigProperty(name = "essaim.trusted.proxies", defaultValue = " ")
    String trustedProxies;

    private Alerts alerts;
    @Inject
    ThemeService themes;

    private Map<String, String> themeLabels;
    private final ClientThrottle throttle = new ClientThrottle(Clock.systemUTC());
    private Duration period;
    private volatile long lastPeriod = -1;
    private volatile long lastPurge;
    private volatile Ticker ticker;

    @PostConstruct
    void init() {
        themeLabels = themes.all().stream()
                .collect(Collectors.toMap(t -> String.valueOf(t.getCode()), Theme::getLabel));
        alerts = new Alerts(dataSource, mail.outbox(), PublicUrl::base, this::among, this::describe, MailService.NODE);
        try {
            period = Duration.parse(every.strip());
        } catch (DateTimeParseException e) {
            period = Duration.ofDays(1);
            LOG.warning(() -> "ESSAIM_ALERTS_EVERY n'est pas une durée ISO-8601 (" + every + ") : alertes quotidiennes");
        }
        if (period.compareTo(Duration.ofSeconds(1)) < 0) {
            period = Duration.ofSeconds(1);
        }
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
        long tick = Math.max(500, Math.min(period.toMillis() / 2, TimeUnit.SECONDS.toMillis(30)));
        ticker = Ticker.start(threads, "essaim-alerts", tick, this::tickQuietly);
    }

    public void schemaReady() {
        schemaReady = true;
    }

    @PreDestroy
    void stop() {
        if (ticker != null) {
            ticker.stop();
        }
    }

    /** At the start of each period, the node that claims it first writes the digests. */
    private void tickQuietly() {
        try {
            if (!schemaReady) {
                return;
            }
            SearchService.Status status = search.status();
            if (!status.ready()) {
                return;
            }
            long current = Math.floorDiv(System.currentTimeMillis(), period.toMillis());
            if (current != lastPeriod) {
                if (alerts.claim(current) && alerts.digest(current, status.appliedSequence()) > 0) {
                    mail.sendSoon();
                }
                lastPeriod = current;
            }
            if (System.currentTimeMillis() - lastPurge > TimeUnit.HOURS.toMillis(1)) {
                alerts.purgeUnconfirmed();
                lastPurge = System.currentTimeMillis();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Alertes remises au prochain tour", e);
        }
    }

    // ----- requests

    /** The client a request comes from: the proxy's word only when the proxy is trusted. */
    public String client(String remoteAddress, String forwardedFor) {
        List<String> proxies = Arrays.stream(trustedProxies.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (forwardedFor == null || !proxies.contains(remoteAddress)) {
            return remoteAddress;
        }
        List<String> hops = new ArrayList<>(Arrays.stream(forwardedFor.split(",")).map(String::strip).toList());
        while (!hops.isEmpty() && proxies.contains(hops.get(hops.size() - 1))) {
            hops.remove(hops.size() - 1);
        }
        return hops.isEmpty() ? remoteAddress : hops.get(hops.size() - 1);
    }

    /**
     * A request to follow a search ({@code search}, a query string) or a sheet ({@code sheet}, a
     * slug): checked, throttled per client, then recorded; the answer is the same whether or not
     * the address already follows something.
     */
    public void subscribe(String email, String searchString, String sheet, String client)
            throws InvalidSubscriptionException, ThrottledException, SQLException {
        String address = Addresses.normalize(email);
        Target target = target(searchString, sheet);
        // Counted once checked: a refused request costs nothing, a valid one may cost a mail.
        Optional<Duration> wait = throttle.hit(client);
        if (wait.isPresent()) {
            throw new ThrottledException(wait.get());
        }
        if (alerts.subscribe(address, target)) {
            mail.sendSoon();
        }
    }

    private Target target(String searchString, String sheet) throws InvalidSubscriptionException, SQLException {
        boolean hasSheet = sheet != null && !sheet.isBlank();
        if (hasSheet == (searchString != null)) {
            throw new InvalidSubscriptionException("Indiquez soit une recherche (« search »), soit une fiche (« sheet »).");
        }
        if (!hasSheet) {
            return new Target(Target.SEARCH, SearchStrings.normalize(searchString, themeLabels::containsKey,
                    territories::contains));
        }
        String slug = sheet.strip();
        if (slug.length() > 200 || alerts.publishedTitle(slug).isEmpty()) {
            throw new InvalidSubscriptionException("Fiche inconnue ou non publiée : « "
                    + (slug.length() > 80 ? slug.substring(0, 80) + "…" : slug) + " ».");
        }
        return new Target(Target.SHEET, slug);
    }

    public Optional<Subscriber> byToken(String token) throws SQLException {
        return alerts.byToken(token);
    }

    public boolean confirm(String token) throws SQLException {
        return alerts.confirm(token);
    }

    public boolean stop(String token, long subscription) throws SQLException {
        return alerts.stop(token, subscription);
    }

    public boolean unsubscribe(String token) throws SQLException {
        return alerts.unsubscribe(token);
    }

    public Optional<Alerts.Export> export(String email) throws SQLException, InvalidSubscriptionException {
        return alerts.export(Addresses.normalize(email));
    }

    public boolean erase(String email) throws SQLException, InvalidSubscriptionException {
        return alerts.erase(Addresses.normalize(email));
    }

    // ----- search

    private List<Found> among(String searchString, Collection<String> slugs) {
        try {
            SearchRequest request = searchString.isEmpty() ? SearchRequest.of("", Map.of(), null, 1, SearchRequest.MAX_SIZE)
                    : SearchStrings.request(searchString);
            return search.among(request, slugs).stream().map(h -> new Found(h.slug(), h.title(), h.summary())).toList();
        } catch (InvalidSearchException | IOException e) {
            throw new IllegalStateException("recherche impossible : " + e.getMessage(), e);
        }
    }

    /** "Recherche : thème Petite enfance ; territoire Hautes-Alpes", "Fiche « … »". */
    String describe(Target target) {
        if (!target.isSearch()) {
            try {
                return "Fiche « " + alerts.publishedTitle(target.value()).orElse(target.value()) + " »";
            } catch (SQLException e) {
                return "Fiche « " + target.value() + " »";
            }
        }
        SearchRequest request;
        try {
            request = SearchStrings.request(target.value());
        } catch (InvalidSearchException e) {
            return "Recherche " + target.value();
        }
        List<String> parts = new ArrayList<>();
        if (!request.query().isBlank()) {
            parts.add("mots « " + request.query() + " »");
        }
        SearchRequest.FILTERS.stream().filter(request.filters()::containsKey).forEach(name -> parts.add(switch (name) {
            case "theme" -> (request.filters().get(name).size() > 1 ? "thèmes " : "thème ")
                    + request.filters().get(name).stream().map(v -> themeLabels.getOrDefault(v, v)).collect(Collectors.joining(" ou "));
            case "territory", "epci" -> (request.filters().get(name).size() > 1 ? "territoires " : "territoire ")
                    + request.filters().get(name).stream().map(v -> territories.find(v).map(Territory::name).orElse(v)).collect(Collectors.joining(" ou "));
            default -> name + " " + String.join(" ou ", request.filters().get(name));
        }));
        return parts.isEmpty() ? "Recherche : toutes les fiches" : "Recherche : " + String.join(" ; ", parts);
    }
}
