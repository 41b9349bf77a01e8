package fr.essaim.review;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;

import fr.essaim.infra.Jdbc;
import fr.essaim.mail.MailOutbox;

/**
 * Decides the review mails and writes them to the outbox, each in the transaction of the claim
 * that decides it: a workflow step is claimed by the conditional update of its
 * {@code mail_pending} flag, an editor's digest by that of their {@code review_digest_at}. On
 * several nodes sharing one database, one claim wins and nothing is written twice.
 */
public final class ReviewNotices {

    private static final int STEPS_PER_TURN = 500;

    private final DataSource dataSource;
    private final MailOutbox outbox;
    private final ReviewMailTexts texts;
    private final Duration period;

    public ReviewNotices(DataSource dataSource, MailOutbox outbox, Supplier<String> publicUrl, Duration period) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.texts = new ReviewMailTexts(publicUrl);
        this.period = period;
    }

    /** Authors of the proposals published or refused since the last turn; how many mails were written. */
    public int tellAuthors() throws SQLException {
        return Jdbc.inTransaction(dataSource, connection -> {
            int written = 0;
            try (PreparedStatement select = connection.prepareStatement("select e.id, e.from_state, e.to_state, e.actor, "
                    + "e.comment, s.slug, r.title, r.author, a.email, a.review_mails from workflow_event e "
                    + "join sheet s on s.id = e.sheet_id "
                    + "join revision r on r.sheet_id = e.sheet_id and r.number = e.revision_number "
                    + "left join account a on a.username = r.author and a.disabled = false "
                    + "where e.mail_pending = true order by e.id");
                 PreparedStatement claim = connection.prepareStatement(
                         "update workflow_event set mail_pending = false where id = ? and mail_pending = true")) {
                select.setMaxRows(STEPS_PER_TURN);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        claim.setLong(1, rows.getLong(1));
                        if (claim.executeUpdate() != 1) {
                            continue;
                        }
                        String from = rows.getString(2);
                        String to = rows.getString(3);
                        String author = rows.getString(8);
                        String email = rows.getString(9);
                        boolean proposal = "DRAFT".equals(from) || "SUBMITTED".equals(from);
                        if (!proposal || email == null || !rows.getBoolean(10) || author.equals(rows.getString(4))) {
                            continue;
                        }
                        if ("PUBLISHED".equals(to)) {
                            outbox.enqueue(connection, texts.published(email, rows.getString(6), rows.getString(7)));
                            written++;
                        } else if ("REJECTED".equals(to)) {
                            outbox.enqueue(connection, texts.refused(email, rows.getString(6), rows.getString(7), rows.getString(5)));
                            written++;
                        }
                    }
                }
            }
            return written;
        });
    }

    /** Editors told of the proposals that came since their last digest, once a period at most. */
    public int digestEditors() throws SQLException {
        return Jdbc.inTransaction(dataSource, connection -> {
            List<Waiting> waiting = waiting(connection);
            if (waiting.isEmpty()) {
                return 0;
            }
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            int written = 0;
            for (Editor editor : editors(connection)) {
                OffsetDateTime last = editor.lastDigest();
                if (last != null && last.plus(period).isAfter(now)) {
                    continue;
                }
                List<ReviewMailTexts.Proposal> proposals = new ArrayList<>();
                boolean anyNew = false;
                for (Waiting w : waiting) {
                    if (w.author().equals(editor.name())) {
                        continue;
                    }
                    boolean isNew = last == null || w.submittedAt().isAfter(last);
                    anyNew |= isNew;
                    proposals.add(new ReviewMailTexts.Proposal(w.slug(), w.title(), w.author(), isNew));
                }
                if (anyNew && claimDigest(connection, editor, now)) {
                    outbox.enqueue(connection, texts.digest(editor.email(), proposals));
                    written++;
                }
            }
            return written;
        });
    }

    private record Waiting(String slug, String title, String author, OffsetDateTime submittedAt) {
    }

    private record Editor(String name, String email, OffsetDateTime lastDigest) {
    }

    private static List<Waiting> waiting(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select s.slug, r.title, r.author, r.created_at, "
                + "(select max(e.created_at) from workflow_event e where e.sheet_id = s.id and e.revision_number = r.number "
                + "and e.to_state = 'SUBMITTED') from revision r join sheet s on s.pending_revision_id = r.id "
                + "where r.review_state = 'SUBMITTED' order by r.created_at");
             ResultSet rows = select.executeQuery()) {
            List<Waiting> waiting = new ArrayList<>();
            while (rows.next()) {
                OffsetDateTime submitted = rows.getObject(5, OffsetDateTime.class);
                waiting.add(new Waiting(rows.getString(1), rows.getString(2), rows.getString(3),
                        submitted != null ? submitted : rows.getObject(4, OffsetDateTime.class)));
            }
            return waiting;
        }
    }

    private static List<Editor> editors(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select a.username, a.email, a.review_digest_at "
                + "from account a where a.email is not null and a.review_mails = true and a.disabled = false "
                + "and exists (select 1 from account_role ar where ar.username = a.username and ar.role in ('editor', 'admin')) "
                + "order by a.username");
             ResultSet rows = select.executeQuery()) {
            List<Editor> editors = new ArrayList<>();
            while (rows.next()) {
                editors.add(new Editor(rows.getString(1), rows.getString(2), rows.getObject(3, OffsetDateTime.class)));
            }
            return editors;
        }
    }

    /** Takes this period's digest of the editor for this node: false if another node took it first. */
    private static boolean claimDigest(Connection connection, Editor editor, OffsetDateTime now) throws SQLException {
        String unchanged = editor.lastDigest() == null ? "review_digest_at is null" : "review_digest_at = ?";
        try (PreparedStatement claim = connection.prepareStatement(
                "update account set review_digest_at = ? where username = ? and " + unchanged)) {
            claim.setObject(1, now);
            claim.setString(2, editor.name());
            if (editor.lastDigest() != null) {
                claim.setObject(3, editor.lastDigest());
            }
            return claim.executeUpdate() == 1;
        }
    }
}
