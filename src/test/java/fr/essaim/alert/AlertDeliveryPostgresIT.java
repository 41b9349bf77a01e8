package fr.essaim.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import fr.essaim.infra.DatabaseMigration;
import fr.essaim.mail.MailOutbox;
import fr.essaim.mail.MailSettings;
import fr.essaim.mail.SmtpDelivery;
import fr.essaim.support.TestDatabases;

/**
 * Two application nodes on one PostgreSQL, as two instances of the alert and outbox code on one
 * database, sending to a real SMTP server: one digest per address and period, each mail sent once,
 * and a mail that waited for a server that was down arrives once it is back.
 *
 * <p>The search is played by a stand-in that finds the sheets whose slug starts with "creche":
 * the search semantics of digests are tested against the real index in {@code AlertsIT}.
 */
@ExtendWith(TestDatabases.DropPostgresAfterAll.class)
class AlertDeliveryPostgresIT {

    private static final int SMTP_PORT = Integer.getInteger("essaim.test.smtp.port", 3925) + 1;
    private static final String EMAIL = "agente@mairie-embrun.fr";
    private static final Finder CRECHES = (search, slugs) -> slugs.stream().filter(s -> s.startsWith("creche"))
            .sorted().map(s -> new Found(s, "Crèche " + s, "Une crèche.")).toList();

    private DataSource database;
    private GreenMail smtp;
    private final List<Node> nodes = new ArrayList<>();

    /** One node: its own outbox sender and alert instance, on the shared database. */
    private record Node(Alerts alerts, MailOutbox outbox, SmtpDelivery delivery) {
    }

    @BeforeEach
    void twoNodes() throws Exception {
        database = TestDatabases.freshPostgres();
        DatabaseMigration.migrate(database);
        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        for (String name : new String[] {"noeud-a", "noeud-b"}) {
            MailOutbox outbox = new MailOutbox(database, "Essaim <essaim@example.fr>", name);
            nodes.add(new Node(new Alerts(database, outbox, () -> "https://essaim.example.fr", CRECHES,
                    target -> "Recherche " + target.value(), name), outbox,
                    new SmtpDelivery(MailSettings.smtp("127.0.0.1", SMTP_PORT, "Essaim <essaim@example.fr>"))));
        }
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    @Test
    void twoNodesOnOnePeriodSendOneDigest() throws Exception {
        confirmedSubscriber();
        publish("creche-itinerante-du-guillestrois");
        publish("epicerie-solidaire");
        long upTo = lastChange();

        // Both nodes reach the start of the period at the same moment: one claims it.
        List<Boolean> claims = onBothNodes(node -> node.alerts().claim(42));
        assertEquals(1, claims.stream().filter(b -> b).count(), "one node claims the period");
        // Even if both computed it anyway, each address is marked for the period in the transaction that writes its mail.
        List<Integer> written = onBothNodes(node -> node.alerts().digest(42, upTo));
        assertEquals(1, written.stream().mapToInt(Integer::intValue).sum(), "one digest written, not two");
        // And both senders run at once: each mail leaves once.
        List<Integer> sent = onBothNodes(node -> node.outbox().deliverDue(node.delivery()));
        assertEquals(1, sent.stream().mapToInt(Integer::intValue).sum());

        List<MimeMessage> digests = digests();
        assertEquals(1, digests.size());
        String body = Mails.text(digests.get(0));
        assertTrue(body.contains("creche-itinerante-du-guillestrois"), body);
        assertTrue(!body.contains("epicerie-solidaire"), "the stand-in search does not find it");
        System.out.println("Deux nœuds, une période : " + claims.stream().filter(b -> b).count() + " réclamation, "
                + written.stream().mapToInt(Integer::intValue).sum() + " résumé, " + digests.size() + " courriel reçu");

        // Nothing new: the next period sends nothing.
        assertEquals(0, nodes.get(1).alerts().digest(43, lastChange()));
    }

    @Test
    void aDigestWrittenWhileTheServerIsDownArrivesOnceItIsBack() throws Exception {
        confirmedSubscriber();
        publish("creche-parentale-de-veynes");
        Node node = nodes.get(0);
        assertEquals(1, node.alerts().digest(7, lastChange()));
        smtp.stop();
        assertEquals(0, node.outbox().deliverDue(node.delivery()), "the server is down: nothing is marked sent");
        assertEquals(1, count("select count(*) from mail_outbox where sent_at is null and attempts = 1 and last_error is not null"));

        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        assertEquals(0, node.outbox().deliverDue(node.delivery()), "tried again only after the back-off delay");
        Thread.sleep(5_500);
        assertEquals(1, node.outbox().deliverDue(node.delivery()) + nodes.get(1).outbox().deliverDue(nodes.get(1).delivery()));
        assertEquals(0, node.outbox().deliverDue(node.delivery()) + nodes.get(1).outbox().deliverDue(nodes.get(1).delivery()));
        assertEquals(1, digests().size(), "the digest arrives once");
        assertEquals(0, count("select count(*) from mail_outbox where sent_at is null"));
    }

    @Test
    void unconfirmedRequestsSendNothingAndGoAfterAWeek() throws Exception {
        Node node = nodes.get(0);
        node.alerts().subscribe(EMAIL, new Target(Target.SEARCH, "theme=6"));
        node.alerts().subscribe(EMAIL, new Target(Target.SEARCH, "theme=6"));
        node.alerts().subscribe(EMAIL, new Target(Target.SEARCH, "theme=3"));
        publish("creche-de-briancon");
        assertEquals(0, node.alerts().digest(1, lastChange()), "nothing before confirmation");
        node.outbox().deliverDue(node.delivery());
        assertEquals(1, smtp.getReceivedMessages().length, "one confirmation mail for three requests in ten minutes");
        assertEquals(2, count("select count(*) from alert_subscription"));

        execute("update alert_subscription set created_at = created_at - interval '8 days'");
        execute("update alert_subscriber set created_at = created_at - interval '8 days'");
        assertEquals(2, node.alerts().purgeUnconfirmed());
        assertEquals(0, count("select count(*) from alert_subscriber"));
    }

    private String confirmedSubscriber() throws Exception {
        Node node = nodes.get(0);
        node.alerts().subscribe(EMAIL, new Target(Target.SEARCH, "theme=6&territory=departement%3A05"));
        assertEquals(1, node.outbox().deliverDue(node.delivery()));
        MimeMessage confirmation = smtp.getReceivedMessages()[0];
        assertEquals("<https://essaim.example.fr/abonnements/desabonner?jeton=" + token(confirmation) + ">",
                confirmation.getHeader("List-Unsubscribe", null));
        assertEquals("List-Unsubscribe=One-Click", confirmation.getHeader("List-Unsubscribe-Post", null));
        assertTrue(node.alerts().confirm(token(confirmation)));
        return token(confirmation);
    }

    private static String token(MimeMessage message) throws Exception {
        Matcher link = Pattern.compile("/abonnements/confirmer\\?jeton=([\\w-]+)").matcher(Mails.text(message));
        assertTrue(link.find());
        return link.group(1);
    }

    private List<MimeMessage> digests() throws Exception {
        List<MimeMessage> digests = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (message.getSubject().contains("nouveaut")) {
                digests.add(message);
            }
        }
        return digests;
    }

    private <T> List<T> onBothNodes(NodeWork<T> work) throws Exception {
        CyclicBarrier together = new CyclicBarrier(nodes.size());
        ExecutorService threads = Executors.newFixedThreadPool(nodes.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Node node : nodes) {
                Callable<T> task = () -> {
                    together.await();
                    return work.run(node);
                };
                futures.add(threads.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            threads.shutdown();
        }
    }

    @FunctionalInterface
    private interface NodeWork<T> {
        T run(Node node) throws Exception;
    }

    /** What a publication leaves in the change log, as the sheet service writes it. */
    private void publish(String slug) throws Exception {
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement counter = connection.createStatement()) {
                counter.executeUpdate("update change_counter set last_seq = last_seq + 1 where id = 1");
            }
            try (PreparedStatement insert = connection.prepareStatement("insert into change_log (seq, slug, created_at) "
                    + "values ((select last_seq from change_counter where id = 1), ?, ?)")) {
                insert.setString(1, slug);
                insert.setObject(2, OffsetDateTime.now());
                insert.executeUpdate();
            }
            connection.commit();
        }
    }

    private long lastChange() throws Exception {
        return count("select last_seq from change_counter where id = 1");
    }

    private long count(String sql) throws Exception {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

}
