package fr.essaim.mail;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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

import org.eclipse.microprofile.config.ConfigProvider;

import fr.essaim.infra.DataSourceDeclaration;
import fr.essaim.infra.Ticker;

/**
 * Mails of the application: written to the outbox in the caller's transaction, sent in the
 * background every few seconds (and at once after a commit that asks for it).
 */
@ApplicationScoped
public class MailService {

    private static final Logger LOG = Logger.getLogger(MailService.class.getName());
    /** Names this process in the leases it takes. */
    public static final String NODE = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);
    private static final long EVERY_SECONDS = 2;

    @Resource(lookup = DataSourceDeclaration.JNDI_NAME)
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threads;

    private MailOutbox outbox;
    private Delivery delivery;
    /** Woken after a commit that wrote a mail: the sender goes at once instead of at its next turn. */
    private volatile Ticker sender;
    private volatile long lastPurge;

    @PostConstruct
    void init() {
        MailSettings settings = MailSettings.from(ConfigProvider.getConfig(MailService.class.getClassLoader()));
        outbox = new MailOutbox(dataSource, settings.from(), NODE);
        if (settings.hasSmtp()) {
            delivery = new SmtpDelivery(settings);
            LOG.info(() -> "Courriels envoyés par le serveur SMTP " + settings.host().get() + ":" + settings.port());
        } else {
            delivery = new EmlDelivery(settings.outboxDir());
            LOG.info(() -> "Pas de serveur SMTP (ESSAIM_SMTP_HOST) : les courriels sont écrits en fichiers .eml dans "
                    + settings.outboxDir());
        }
    }

    /** One sender thread per node, like the index's tail; the leases keep the nodes apart. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
        sender = Ticker.start(threads, "essaim-mail", TimeUnit.SECONDS.toMillis(EVERY_SECONDS), this::deliverQuietly);
    }

    @PreDestroy
    void stop() {
        if (sender != null) {
            sender.stop();
        }
    }

    /** The outbox, for services that write their mails in their own JDBC transactions. */
    public MailOutbox outbox() {
        return outbox;
    }

    /** Stores a mail in the caller's transaction; call {@link #sendSoon()} once it is committed. */
    public long enqueue(Connection connection, Mail mail) throws SQLException {
        return outbox.enqueue(connection, mail);
    }

    /** Sends what waits without waiting for the next turn. */
    public void sendSoon() {
        if (sender != null) {
            sender.wake();
        }
    }

    private void deliverQuietly() {
        try {
            outbox.deliverDue(delivery);
            if (System.currentTimeMillis() - lastPurge > TimeUnit.HOURS.toMillis(1)) {
                outbox.purgeSent();
                lastPurge = System.currentTimeMillis();
            }
        } catch (SQLException | RuntimeException e) {
            // Also while the schema is being created at first start: the next turn tries again.
            LOG.log(Level.FINE, "Envoi des courriels remis au prochain tour", e);
        }
    }
}
