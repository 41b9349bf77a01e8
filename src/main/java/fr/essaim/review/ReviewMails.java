package fr.essaim.review;

import java.sql.SQLException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.logging.Level;
import java.util.logging.Logger;
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

/**
 * The mails of the review: the author of a proposal is told when it is published or refused (with
 * the editor's reason), and the editors are sent a digest of the proposals waiting, at most one per
 * period ({@code ESSAIM_REVIEW_MAIL_EVERY}, an hour by default): a turn of {@link ReviewNotices}
 * every two seconds on each node.
 */
@ApplicationScoped
public class ReviewMails {

    private static final Logger LOG = Logger.getLogger(ReviewMails.class.getName());
    private static final long TICK_MILLIS = 2_000;

    @Resource(lookup = DataSourceDeclaration.JNDI_NAME)
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    MailService mail;

    @Inject
    @ConfigProperty(name = "essaim.review.mail.every", defaultValue = "PT1H")
    String every;

    private Duration period;
    private ReviewNotices notices;
    private volatile Ticker ticker;

    @PostConstruct
    void init() {
        try {
            period = Duration.parse(every.strip());
        } catch (DateTimeParseException e) {
            period = Duration.ofHours(1);
            LOG.warning(() -> "ESSAIM_REVIEW_MAIL_EVERY n'est pas une durée ISO-8601 (" + every + ") : une synthèse par heure");
        }
        notices = new ReviewNotices(dataSource, mail.outbox(), PublicUrl::base, period);
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
        ticker = Ticker.start(threads, "essaim-review-mails", TICK_MILLIS, this::turnQuietly);
    }

    @PreDestroy
    void stop() {
        if (ticker != null) {
            ticker.stop();
        }
    }

    private void turnQuietly() {
        try {
            if (notices.tellAuthors() + notices.digestEditors() > 0) {
                mail.sendSoon();
            }
        } catch (SQLException | RuntimeException e) {
            // Also while the schema is being created at first start: the next turn tries again.
            LOG.log(Level.FINE, "Courriels de relecture remis au prochain tour", e);
        }
    }
}
