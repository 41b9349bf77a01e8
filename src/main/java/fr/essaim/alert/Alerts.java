package fr.essaim.alert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Logger;
import javax.sql.DataSource;

import fr.essaim.infra.Jdbc;
import fr.essaim.mail.MailOutbox;

/**
 * Subscriptions and digests on the database: plain JDBC, so that the same code runs in the
 * application and, with several instances on one PostgreSQL, in the tests of what several nodes do.
 */
public final class Alerts {

    private static final Logger LOG = Logger.getLogger(Alerts.class.getName());
    static final Duration KEEP_UNCONFIRMED = Duration.ofDays(7);
    /** One confirmation mail per address at most this often, whoever asks. */
    static final Duration CONFIRMATION_EVERY = Duration.ofMinutes(10);
    static final int MAX_SUBSCRIPTIONS = 50;

    /** What an address's data is, for the person or an administrator. */
    public record Export(String email, OffsetDateTime createdAt, OffsetDateTime lastDigestAt,
            List<Subscriber.Subscription> subscriptions, List<MailOutbox.Entry> mails) {
    }

    private final DataSource dataSource;
    private final MailOutbox outbox;
    private final AlertMails mails;
    private final Finder finder;
    private final Function<Target, String> describe;
    private final String node;
    private volatile Tokens tokens;

    public Alerts(DataSource dataSource, MailOutbox outbox, java.util.function.Supplier<String> publicUrl, Finder finder,
            Function<Target, String> describe, String node) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.mails = new AlertMails(publicUrl);
        this.finder = finder;
        this.describe = describe;
        this.node = node;
    }

    private Tokens tokens() throws SQLException {
        Tokens current = tokens;
        if (current == null) {
            current = Tokens.load(dataSource);
            tokens = current;
        }
        return current;
    }

    // ----- subscribing

    /**
     * Records a request to follow something and sends, at most every ten minutes per address, the
     * mail that confirms every pending request of the address. Says nothing about the address: the
     * caller answers the same whatever happened. Returns whether a mail was written.
     */
    public boolean subscribe(String email, Target target) throws SQLException {
        Tokens signer = tokens();
        try {
            return Jdbc.inTransaction(dataSource, connection -> subscribe(connection, signer, email, target));
        } catch (SQLException e) {
            if (!isDuplicate(e)) {
                throw e;
            }
            // Another request created the same subscriber or subscription at the same moment: it is there now.
            return Jdbc.inTransaction(dataSource, connection -> subscribe(connection, signer, email, target));
        }
    }

    private boolean subscribe(Connection connection, Tokens signer, String email, Target target) throws SQLException {
        OffsetDateTime now = now();
        long id;
        OffsetDateTime lastConfirmation = null;
        try (PreparedStatement find = connection.prepareStatement(
                "select id, confirmation_sent_at from alert_subscriber where email = ? for update")) {
            find.setString(1, email);
            try (ResultSet row = find.executeQuery()) {
                if (row.next()) {
                    id = row.getLong(1);
                    lastConfirmation = row.getObject(2, OffsetDateTime.class);
                } else {
                    id = -1;
                }
            }
        }
        if (id < 0) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into alert_subscriber (email, created_at) values (?, ?)", new String[] {"id"})) {
                insert.setString(1, email);
                insert.setObject(2, now);
                insert.executeUpdate();
                try (ResultSet key = insert.getGeneratedKeys()) {
                    key.next();
                    id = key.getLong(1);
                }
            }
        }
        List<Subscriber.Subscription> existing = subscriptions(connection, id);
        Optional<Subscriber.Subscription> same = existing.stream().filter(s -> s.target().equals(target)).findFirst();
        if (same.isEmpty() && existing.size() < MAX_SUBSCRIPTIONS) {
            try (PreparedStatement insert = connection.prepareStatement("insert into alert_subscription "
                    + "(subscriber_id, kind, target, created_at) values (?, ?, ?, ?)")) {
                insert.setLong(1, id);
                insert.setString(2, target.kind());
                insert.setString(3, target.value());
                insert.setObject(4, now);
                insert.executeUpdate();
            }
            existing = subscriptions(connection, id);
        }
        List<String> pending = existing.stream().filter(s -> !s.confirmed()).map(Subscriber.Subscription::description).toList();
        if (pending.isEmpty() || lastConfirmation != null && lastConfirmation.plus(CONFIRMATION_EVERY).isAfter(now)) {
            return false;
        }
        outbox.enqueue(connection, mails.confirmation(email, signer.of(id, email), pending));
        try (PreparedStatement sent = connection.prepareStatement(
                "update alert_subscriber set confirmation_sent_at = ? where id = ?")) {
            sent.setObject(1, now);
            sent.setLong(2, id);
            sent.executeUpdate();
        }
        return true;
    }

    private List<Subscriber.Subscription> subscriptions(Connection connection, long subscriber) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select id, kind, target, created_at, confirmed_at "
                + "from alert_subscription where subscriber_id = ? order by id")) {
            select.setLong(1, subscriber);
            List<Subscriber.Subscription> list = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Target target = new Target(rows.getString(2), rows.getString(3));
                    list.add(new Subscriber.Subscription(rows.getLong(1), target, describe.apply(target),
                            rows.getObject(4, OffsetDateTime.class), rows.getObject(5, OffsetDateTime.class)));
                }
            }
            return list;
        }
    }

    /** The title of a published sheet, straight from the database: a sheet just published can be followed at once. */
    public Optional<String> publishedTitle(String slug) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select title from sheet where slug = ? and published_revision_id is not null")) {
            select.setString(1, slug);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        }
    }

    // ----- the pages of a subscriber, reached by the token of their mails

    /** The subscriber a link's token stands for, if the token is genuine. */
    public Optional<Subscriber> byToken(String token) throws SQLException {
        OptionalLong id = Tokens.subscriberOf(token);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Tokens signer = tokens();
        try (Connection connection = dataSource.getConnection()) {
            return find(connection, "id = ?", id.getAsLong())
                    .filter(s -> signer.matches(token, s.id(), s.email()));
        }
    }

    private Optional<Subscriber> find(Connection connection, String where, Object key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select id, email, created_at, last_digest_at from alert_subscriber where " + where)) {
            select.setObject(1, key);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                long id = row.getLong(1);
                String email = row.getString(2);
                return Optional.of(new Subscriber(id, email, tokens().of(id, email), row.getObject(3, OffsetDateTime.class),
                        row.getObject(4, OffsetDateTime.class), subscriptions(connection, id)));
            }
        }
    }

    /**
     * Confirms every pending request of the token's address; digests start from what is published
     * now. False if the token is not genuine.
     */
    public boolean confirm(String token) throws SQLException {
        Optional<Subscriber> subscriber = byToken(token);
        if (subscriber.isEmpty()) {
            return false;
        }
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement confirm = connection.prepareStatement("update alert_subscription set confirmed_at = ?, "
                    + "last_seq = (select last_seq from change_counter where id = 1) "
                    + "where subscriber_id = ? and confirmed_at is null")) {
                confirm.setObject(1, now());
                confirm.setLong(2, subscriber.get().id());
                return confirm.executeUpdate();
            }
        });
        return true;
    }

    /** Stops one subscription; the address is forgotten with its last one. */
    public boolean stop(String token, long subscription) throws SQLException {
        Optional<Subscriber> subscriber = byToken(token);
        if (subscriber.isEmpty()) {
            return false;
        }
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "delete from alert_subscription where id = ? and subscriber_id = ?")) {
                delete.setLong(1, subscription);
                delete.setLong(2, subscriber.get().id());
                delete.executeUpdate();
            }
            if (subscriptions(connection, subscriber.get().id()).isEmpty()) {
                erase(connection, subscriber.get().email());
            }
            return null;
        });
        return true;
    }

    /** Stops everything for the token's address and forgets it, mails waiting for it included. */
    public boolean unsubscribe(String token) throws SQLException {
        Optional<Subscriber> subscriber = byToken(token);
        if (subscriber.isEmpty()) {
            return false;
        }
        return erase(subscriber.get().email());
    }

    // ----- personal data

    public Optional<Export> export(String email) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            Optional<Subscriber> subscriber = find(connection, "email = ?", email);
            List<MailOutbox.Entry> sent = MailOutbox.of(connection, email);
            if (subscriber.isEmpty() && sent.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Export(email, subscriber.map(Subscriber::createdAt).orElse(null),
                    subscriber.map(Subscriber::lastDigestAt).orElse(null),
                    subscriber.map(Subscriber::subscriptions).orElse(List.of()), sent));
        }
    }

    /** Erases the address, its subscriptions and its mails; false if nothing was known of it. */
    public boolean erase(String email) throws SQLException {
        return Jdbc.inTransaction(dataSource, connection -> erase(connection, email));
    }

    private static boolean erase(Connection connection, String email) throws SQLException {
        int mails = MailOutbox.forget(connection, email);
        try (PreparedStatement delete = connection.prepareStatement("delete from alert_subscriber where email = ?")) {
            delete.setString(1, email);
            return delete.executeUpdate() + mails > 0;
        }
    }

    /** Requests never confirmed within a week are deleted, and the addresses left with nothing. */
    public int purgeUnconfirmed() throws SQLException {
        return Jdbc.inTransaction(dataSource, connection -> {
            OffsetDateTime limit = now().minus(KEEP_UNCONFIRMED);
            int deleted;
            try (PreparedStatement delete = connection.prepareStatement(
                    "delete from alert_subscription where confirmed_at is null and created_at < ?")) {
                delete.setObject(1, limit);
                deleted = delete.executeUpdate();
            }
            try (PreparedStatement orphans = connection.prepareStatement("delete from alert_subscriber s where "
                    + "s.created_at < ? and not exists (select 1 from alert_subscription a where a.subscriber_id = s.id)")) {
                orphans.setObject(1, limit);
                orphans.executeUpdate();
            }
            return deleted;
        });
    }

    // ----- digests

    /** Takes the digest period for this node; false if another node took it. */
    public boolean claim(long period) throws SQLException {
        try {
            return Jdbc.inTransaction(dataSource, connection -> {
                try (PreparedStatement insert = connection.prepareStatement(
                        "insert into alert_period (period, node, claimed_at) values (?, ?, ?)")) {
                    insert.setLong(1, period);
                    insert.setString(2, node);
                    insert.setObject(3, now());
                    return insert.executeUpdate() == 1;
                }
            });
        } catch (SQLException e) {
            if (isDuplicate(e)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Writes the digest of the period for every address that follows something, covering the
     * change log up to {@code upTo} (what the search index has applied). Each address is handled in
     * one transaction that first marks it done for the period: a second run of the same period,
     * here or on another node, finds nothing left to do. Returns the number of mails written.
     */
    public int digest(long period, long upTo) throws SQLException {
        List<Long> due = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select distinct s.id from alert_subscriber s "
                     + "join alert_subscription a on a.subscriber_id = s.id where s.digest_period < ? "
                     + "and a.confirmed_at is not null and a.last_seq < ? order by s.id")) {
            select.setLong(1, period);
            select.setLong(2, upTo);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    due.add(rows.getLong(1));
                }
            }
        }
        int written = 0;
        for (long subscriber : due) {
            try {
                if (digestOne(subscriber, period, upTo)) {
                    written++;
                }
            } catch (Exception e) {
                // Nothing was marked for this address: its changes come in a later digest.
                LOG.log(java.util.logging.Level.WARNING, "Alerte non calculée pour l'abonné " + subscriber, e);
            }
        }
        if (written > 0) {
            int count = written;
            LOG.info(() -> "Alertes de la période " + period + " : " + count + " courriel(s)");
        }
        return written;
    }

    private boolean digestOne(long subscriber, long period, long upTo) throws Exception {
        Tokens signer = tokens();
        try {
            return Jdbc.inTransaction(dataSource, connection -> {
                try (PreparedStatement mark = connection.prepareStatement(
                        "update alert_subscriber set digest_period = ?, last_digest_at = ? where id = ? and digest_period < ?")) {
                    mark.setLong(1, period);
                    mark.setObject(2, now());
                    mark.setLong(3, subscriber);
                    mark.setLong(4, period);
                    if (mark.executeUpdate() != 1) {
                        return false;
                    }
                }
                String email;
                try (PreparedStatement select = connection.prepareStatement("select email from alert_subscriber where id = ?")) {
                    select.setLong(1, subscriber);
                    try (ResultSet row = select.executeQuery()) {
                        row.next();
                        email = row.getString(1);
                    }
                }
                List<DigestQueries.Followed> followed = DigestQueries.followed(connection, subscriber);
                long from = followed.stream().mapToLong(DigestQueries.Followed::lastSeq).min().orElse(upTo);
                Map<String, Long> changed = DigestQueries.changes(connection, from, upTo);
                List<AlertMails.Section> sections = new ArrayList<>();
                for (DigestQueries.Followed f : followed) {
                    Set<String> slugs = new HashSet<>();
                    changed.forEach((slug, seq) -> {
                        if (seq > f.lastSeq()) {
                            slugs.add(slug);
                        }
                    });
                    AlertMails.Section section = section(f, slugs);
                    if (section != null) {
                        sections.add(section);
                    }
                }
                try (PreparedStatement covered = connection.prepareStatement("update alert_subscription set last_seq = ? "
                        + "where subscriber_id = ? and confirmed_at is not null and last_seq < ?")) {
                    covered.setLong(1, upTo);
                    covered.setLong(2, subscriber);
                    covered.setLong(3, upTo);
                    covered.executeUpdate();
                }
                if (sections.isEmpty()) {
                    return false;
                }
                outbox.enqueue(connection, mails.digest(email, signer.of(subscriber, email), sections));
                return true;
            });
        } catch (RuntimeException e) {
            // The search failed inside the transaction, which is rolled back: its cause is the failure.
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private AlertMails.Section section(DigestQueries.Followed followed, Set<String> slugs) {
        if (slugs.isEmpty()) {
            return null;
        }
        try {
            String description = describe.apply(followed.target());
            if (followed.target().isSearch()) {
                List<Found> found = finder.among(followed.target().value(), slugs);
                return found.isEmpty() ? null : new AlertMails.Section(followed.id(), followed.target(), description, found, List.of());
            }
            List<Found> published = finder.among("", slugs);
            List<String> withdrawn = published.isEmpty() ? List.copyOf(slugs) : List.of();
            return new AlertMails.Section(followed.id(), followed.target(), description, published, withdrawn);
        } catch (Exception e) {
            // Rolls the address's transaction back: its digest is computed again next period, nothing lost.
            throw new IllegalStateException(e);
        }
    }

    static boolean isDuplicate(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
