package fr.essaim.mail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import fr.essaim.infra.Jdbc;

/**
 * The mail outbox table. A mail is written in the transaction of what caused it, so it exists if
 * and only if that happened; it is then sent by one node at a time (a lease taken by a conditional
 * update), marked sent only after the server accepted it, and tried again later with a growing
 * delay when the server is down. A node that dies holding a lease only delays the mail until the
 * lease ends.
 */
public final class MailOutbox {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(MailOutbox.class.getName());

    static final Duration LEASE = Duration.ofMinutes(2);
    static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    static final Duration LAST_RETRY = Duration.ofHours(1);
    /** Sent mails hold an address: they are kept only long enough to answer a question about them. */
    static final Duration KEEP_SENT = Duration.ofDays(7);

    /** A mail as listed for its recipient or an administrator. */
    public record Entry(long id, String recipient, String subject, OffsetDateTime createdAt, OffsetDateTime sentAt,
            int attempts) {
    }

    private final DataSource dataSource;
    private final String from;
    private final String node;

    public MailOutbox(DataSource dataSource, String from, String node) {
        this.dataSource = dataSource;
        this.from = from;
        this.node = node;
    }

    /** Stores a mail in the caller's transaction; it leaves once that transaction commits. */
    public long enqueue(Connection connection, Mail mail) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into mail_outbox "
                + "(recipient, subject, message, created_at, next_attempt_at) values (?, ?, ?, ?, ?)", new String[] {"id"})) {
            OffsetDateTime now = now();
            insert.setString(1, mail.to());
            insert.setString(2, mail.subject());
            insert.setString(3, MimeMails.toMime(mail, from));
            insert.setObject(4, now);
            insert.setObject(5, now);
            insert.executeUpdate();
            try (ResultSet key = insert.getGeneratedKeys()) {
                key.next();
                return key.getLong(1);
            }
        }
    }

    /**
     * Sends every mail that is due and not taken by another node; returns how many were accepted.
     * Stops at the first failure of the server: the others wait for the next turn.
     */
    public int deliverDue(Delivery delivery) throws SQLException {
        int sent = 0;
        for (long id : due()) {
            String mime = lease(id);
            if (mime == null) {
                continue;
            }
            try {
                delivery.deliver(id, mime);
            } catch (Exception e) {
                LOG.warning(() -> "Courriel " + id + " non remis (" + e.getMessage() + ") : nouvel essai plus tard");
                failed(id, e);
                return sent;
            }
            markSent(id);
            sent++;
        }
        return sent;
    }

    private List<Long> due() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select id from mail_outbox where sent_at is null "
                     + "and next_attempt_at <= ? and (leased_until is null or leased_until < ?) order by id")) {
            OffsetDateTime now = now();
            select.setObject(1, now);
            select.setObject(2, now);
            select.setMaxRows(50);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            return ids;
        }
    }

    /** Takes the mail for this node, if no other node has it; its text, or null. */
    private String lease(long id) throws SQLException {
        return Jdbc.inTransaction(dataSource, connection -> {
            OffsetDateTime now = now();
            try (PreparedStatement take = connection.prepareStatement("update mail_outbox set leased_until = ?, leased_by = ? "
                    + "where id = ? and sent_at is null and (leased_until is null or leased_until < ?)")) {
                take.setObject(1, now.plus(LEASE));
                take.setString(2, node);
                take.setLong(3, id);
                take.setObject(4, now);
                if (take.executeUpdate() != 1) {
                    return null;
                }
            }
            try (PreparedStatement read = connection.prepareStatement("select message from mail_outbox where id = ?")) {
                read.setLong(1, id);
                try (ResultSet row = read.executeQuery()) {
                    return row.next() ? row.getString(1) : null;
                }
            }
        });
    }

    private void markSent(long id) throws SQLException {
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement sent = connection.prepareStatement("update mail_outbox set sent_at = ?, "
                    + "attempts = attempts + 1, leased_until = null, last_error = null where id = ? and leased_by = ?")) {
                sent.setObject(1, now());
                sent.setLong(2, id);
                sent.setString(3, node);
                return sent.executeUpdate();
            }
        });
    }

    private void failed(long id, Exception cause) throws SQLException {
        Jdbc.inTransaction(dataSource, connection -> {
            int attempts;
            try (PreparedStatement read = connection.prepareStatement("select attempts from mail_outbox where id = ?")) {
                read.setLong(1, id);
                try (ResultSet row = read.executeQuery()) {
                    attempts = row.next() ? row.getInt(1) : 0;
                }
            }
            try (PreparedStatement retry = connection.prepareStatement("update mail_outbox set attempts = ?, "
                    + "next_attempt_at = ?, leased_until = null, last_error = ? where id = ? and leased_by = ?")) {
                retry.setInt(1, attempts + 1);
                retry.setObject(2, now().plus(retryDelay(attempts + 1)));
                String message = String.valueOf(cause.getMessage());
                retry.setString(3, message.length() > 1000 ? message.substring(0, 1000) : message);
                retry.setLong(4, id);
                retry.setString(5, node);
                return retry.executeUpdate();
            }
        });
    }

    /** 5 s, 10 s, 20 s… up to an hour: a short outage costs seconds, a long one little work. */
    static Duration retryDelay(int attempts) {
        int doublings = Math.min(Math.max(attempts - 1, 0), 20);
        Duration delay = FIRST_RETRY.multipliedBy(1L << doublings);
        return delay.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : delay;
    }

    /** Removes the sent mails older than a week. */
    public int purgeSent() throws SQLException {
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement purge = connection.prepareStatement("delete from mail_outbox where sent_at < ?")) {
                purge.setObject(1, now().minus(KEEP_SENT));
                return purge.executeUpdate();
            }
        });
    }

    /** Every mail to this address, sent or waiting, in the caller's transaction. */
    public static List<Entry> of(Connection connection, String recipient) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select id, recipient, subject, created_at, sent_at, "
                + "attempts from mail_outbox where recipient = ? order by id")) {
            select.setString(1, recipient);
            List<Entry> entries = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(new Entry(rows.getLong(1), rows.getString(2), rows.getString(3),
                            rows.getObject(4, OffsetDateTime.class), rows.getObject(5, OffsetDateTime.class), rows.getInt(6)));
                }
            }
            return entries;
        }
    }

    /** Forgets every mail to this address, including those not sent yet, in the caller's transaction. */
    public static int forget(Connection connection, String recipient) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("delete from mail_outbox where recipient = ?")) {
            delete.setString(1, recipient);
            return delete.executeUpdate();
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
