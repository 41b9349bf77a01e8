package fr.essaim.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import fr.essaim.infra.DatabaseMigration;
import fr.essaim.mail.MailOutbox;
import fr.essaim.sheet.SaveResult;
import fr.essaim.sheet.SheetWorkflow;
import fr.essaim.support.ResourceLocalJpa;
import fr.essaim.support.SheetBeans;
import fr.essaim.support.Sheets;
import fr.essaim.support.TestDatabases;

/**
 * Two nodes on one PostgreSQL, as two instances of the review mail code taking their turns at the
 * same moment: each decision mails its author once, each period's digest reaches an editor once.
 */
@ExtendWith(TestDatabases.DropPostgresAfterAll.class)
class ReviewMailsPostgresIT {

    private static final String AUTHOR_MAIL = "autrice@mairie-embrun.fr";
    private static final String EDITOR_MAIL = "relecteur@reseau-rural.fr";

    private DataSource database;
    private ResourceLocalJpa jpa;
    private SheetWorkflow workflow;
    private final List<ReviewNotices> nodes = new ArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @BeforeEach
    void twoNodes() throws Exception {
        database = TestDatabases.freshPostgres();
        DatabaseMigration.migrate(database);
        jpa = new ResourceLocalJpa(database);
        workflow = new SheetBeans(jpa, Sheets.REFERENCES).workflow;
        account("autrice", AUTHOR_MAIL, "contributor");
        account("relecteur", EDITOR_MAIL, "editor");
        for (String name : new String[] {"noeud-a", "noeud-b"}) {
            nodes.add(new ReviewNotices(database, new MailOutbox(database, "Essaim <essaim@example.fr>", name),
                    () -> "https://essaim.example.fr", Duration.ofHours(1)));
        }
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
        jpa.close();
    }

    @Test
    void twoNodesWriteEachReviewMailOnce() throws Exception {
        String first = submitted("Garage solidaire du Hainaut");
        List<Integer> digests = onBothNodes(ReviewNotices::digestEditors);
        assertEquals(1, digests.stream().mapToInt(Integer::intValue).sum(), "one digest for the editor, not two");
        assertEquals(List.of("Essaim : 1 nouvelle proposition attend votre relecture"), subjects(EDITOR_MAIL));

        submitted("Épicerie itinérante du Dévoluy");
        assertEquals(0, onBothNodes(ReviewNotices::digestEditors).stream().mapToInt(Integer::intValue).sum(),
                "a new proposal within the hour waits for the next digest");

        assertInstanceOf(SaveResult.Saved.class, workflow.publish(first, SheetBeans.editor("relecteur"), "Relue."));
        List<Integer> told = onBothNodes(ReviewNotices::tellAuthors);
        assertEquals(1, told.stream().mapToInt(Integer::intValue).sum(), "the author is told once");
        assertEquals(List.of("Essaim : votre fiche « Garage solidaire du Hainaut » est publiée"), subjects(AUTHOR_MAIL));
        assertEquals(0, onBothNodes(ReviewNotices::tellAuthors).stream().mapToInt(Integer::intValue).sum());
        System.out.println("Deux nœuds : " + digests + " synthèse(s), " + told + " courriel(s) à l'autrice");

        // Turned off: a refusal is recorded but mailed to nobody.
        try (Connection connection = database.getConnection(); PreparedStatement off = connection.prepareStatement(
                "update account set review_mails = false where username = 'autrice'")) {
            off.executeUpdate();
        }
        String third = submitted("Tiers-lieu de Guillestre");
        assertInstanceOf(SaveResult.Saved.class, workflow.reject(third, SheetBeans.editor("relecteur"), "Sans source."));
        assertEquals(0, onBothNodes(ReviewNotices::tellAuthors).stream().mapToInt(Integer::intValue).sum());
        assertEquals(1, subjects(AUTHOR_MAIL).size());
    }

    private String submitted(String title) {
        SaveResult result = workflow.create(Sheets.experience(title, "## Contexte\n\nUn texte."), SheetBeans.contributor("autrice"),
                "à relire", SheetWorkflow.Then.SUBMIT);
        return assertInstanceOf(SaveResult.Saved.class, result).slug();
    }

    /** Both nodes run the same turn at the same moment. */
    private <T> List<T> onBothNodes(Turn<T> turn) throws Exception {
        CyclicBarrier together = new CyclicBarrier(nodes.size());
        List<Future<T>> runs = new ArrayList<>();
        for (ReviewNotices node : nodes) {
            Callable<T> run = () -> {
                together.await();
                return turn.on(node);
            };
            runs.add(threads.submit(run));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> run : runs) {
            results.add(run.get());
        }
        return results;
    }

    @FunctionalInterface
    private interface Turn<T> {
        T on(ReviewNotices node) throws SQLException;
    }

    private void account(String name, String email, String role) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement account = connection.prepareStatement("insert into account (username, password_hash, "
                     + "created_at, email) values (?, 'sans-mot-de-passe', ?, ?)");
             PreparedStatement roles = connection.prepareStatement("insert into account_role (username, role) values (?, ?)")) {
            account.setString(1, name);
            account.setObject(2, OffsetDateTime.now());
            account.setString(3, email);
            account.executeUpdate();
            roles.setString(1, name);
            roles.setString(2, role);
            roles.executeUpdate();
        }
    }

    private List<String> subjects(String recipient) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement select = connection.prepareStatement(
                "select subject from mail_outbox where recipient = ? order by id")) {
            select.setString(1, recipient);
            List<String> subjects = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    subjects.add(rows.getString(1));
                }
            }
            assertTrue(subjects.size() <= 2, subjects.toString());
            return subjects;
        }
    }
}
