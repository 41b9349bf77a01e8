package fr.essaim.sheet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static fr.essaim.support.SheetBeans.contributor;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import jakarta.persistence.EntityManager;
import jakarta.persistence.RollbackException;

import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import fr.essaim.infra.DatabaseMigration;
import fr.essaim.infra.V21__SheetTitleKeys;
import fr.essaim.support.ResourceLocalJpa;
import fr.essaim.support.SheetBeans;
import fr.essaim.support.Sheets;

/** What the persistence layer promises, checked the same way on each database Essaim runs on. */
abstract class PersistenceContract {

    private DataSource dataSource;
    private MigrateResult migration;
    private ResourceLocalJpa jpa;
    private SheetService sheets;
    private SheetWorkflow workflow;
    private SheetImports imports;
    private WikiLinks links;

    /** An empty database, new for each test. */
    abstract DataSource emptyDatabase() throws Exception;

    @BeforeEach
    void startOnAnEmptyDatabase() throws Exception {
        dataSource = emptyDatabase();
        migration = DatabaseMigration.migrate(dataSource);
        jpa = new ResourceLocalJpa(dataSource);
        SheetBeans beans = new SheetBeans(jpa, Sheets.REFERENCES);
        sheets = beans.sheets;
        workflow = beans.workflow;
        imports = beans.imports;
        links = beans.links;
    }

    @AfterEach
    void close() {
        jpa.close();
    }

    @Test
    void flywayBuildsTheSchemaOfAnEmptyDatabaseOnce() throws Exception {
        assertTrue(migration.migrationsExecuted >= 1, "migrations run on an empty database");
        assertEquals(0, DatabaseMigration.migrate(dataSource).migrationsExecuted, "nothing left to run the second time");
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            for (String table : List.of("sheet", "revision", "revision_link", "sheet_alias", "workflow_event", "change_log")) {
                try (ResultSet rows = sql.executeQuery("select count(*) from " + table)) {
                    rows.next();
                    assertEquals(0, rows.getInt(1), table + " exists and is empty");
                }
            }
        }
    }

    @Test
    void migration21GivesTheSheetsAlreadyStoredTheirTitleKey() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            // Back to the schema before migration 21, with a sheet written then.
            sql.execute("drop index sheet_title_key");
            sql.execute("alter table sheet drop column title_key");
            sql.execute("delete from \"flyway_schema_history\" where \"version\" = '21'");
            // The migrations after it are undone too, so that 21 comes back in order.
            sql.execute("drop table database_identity");
            sql.execute("drop index sheet_updated_at");
            sql.execute("create table territory (territory_key varchar(20) not null primary key)");
            sql.execute("create table theme (code integer not null primary key)");
            sql.execute("drop table search_gap");
            sql.execute("drop table monthly_view");
            for (String table : List.of("alert_subscription", "alert_subscriber", "alert_period", "alert_secret",
                    "mail_outbox", "sign_in", "node_secret")) {
                sql.execute("drop table " + table);
            }
            sql.execute("delete from \"flyway_schema_history\" where \"version\" in ('30', '31', '32', '50', '51', '60', '70')");
            sql.execute("drop index workflow_event_mail_pending");
            sql.execute("alter table workflow_event drop column mail_pending");
            for (String column : List.of("email", "review_mails", "review_digest_at")) {
                sql.execute("alter table account drop column " + column);
            }
            sql.execute("delete from \"flyway_schema_history\" where \"version\" = '80'");
            sql.execute("drop index revision_review_state");
            sql.execute("delete from \"flyway_schema_history\" where \"version\" = '90'");
            sql.execute("insert into sheet (id, slug, kind, state, title, latest_revision, created_at, updated_at, version) "
                    + "values (1, 'ancienne', 'notion', 'DRAFT', 'L''Île-d''Yeu : Maison  des services', 0, "
                    + "current_timestamp, current_timestamp, 1)");
        }

        assertEquals(10, DatabaseMigration.migrate(dataSource).migrationsExecuted);

        assertEquals("ancienne", links.resolveWikiTarget("l'ile-d'yeu : maison des services"));
    }

    /**
     * Migration 21 was once {@code fr.essaim.config.V21__SheetTitleKeys} and called the
     * application's folding; it now carries its own copy. A Java migration has no checksum, so a
     * database where the former class ran still validates.
     */
    @Test
    void migration21HasNoChecksumSoADatabaseMigratedByTheFormerClassStillValidates() throws Exception {
        assertNull(new V21__SheetTitleKeys().getChecksum());
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.executeUpdate("update \"flyway_schema_history\" set \"script\" = 'fr.essaim.config.V21__SheetTitleKeys' "
                    + "where \"version\" = '21'");
            try (ResultSet row = sql.executeQuery("select \"checksum\" from \"flyway_schema_history\" where \"version\" = '21'")) {
                assertTrue(row.next());
                assertNull(row.getObject(1), "no checksum recorded for the Java migration");
            }
        }

        assertEquals(0, DatabaseMigration.migrate(dataSource).migrationsExecuted, "validated, nothing to run");
    }

    /** "Save and submit" and "save and publish" are each one transaction, with every step recorded. */
    @Test
    void saveAndSubmitAndSaveAndPublishAreEachOneWrite() {
        Actor alice = contributor("alice");
        Actor edith = SheetBeans.editor("edith");
        String slug = assertInstanceOf(SaveResult.Saved.class, workflow.create(Sheets.experience("Bus des services", "v1"),
                alice, "à relire", SheetWorkflow.Then.SUBMIT)).slug();
        assertEquals(ReviewState.SUBMITTED, sheets.findRevision(slug, 1).orElseThrow().getReviewState());

        assertEquals(new SaveResult.Saved(slug, 2), workflow.save(slug, 1, Sheets.experience("Bus des services", "v2"),
                edith, "relu", SheetWorkflow.Then.PUBLISH));
        assertEquals(2, sheets.findPublished(slug).orElseThrow().getNumber());
        assertEquals(List.of("null>DRAFT", "DRAFT>SUBMITTED", "null>DRAFT", "DRAFT>PUBLISHED"),
                sheets.transitions(slug).stream().map(e -> e.getFrom() + ">" + e.getTo()).toList());

        SaveResult refused = workflow.save(slug, 2, Sheets.experience("Bus des services", "v3"), alice, null,
                SheetWorkflow.Then.PUBLISH);
        assertInstanceOf(SaveResult.Forbidden.class, refused);
        assertEquals(2, sheets.find(slug).orElseThrow().getLatestRevision(), "a refused step stores no draft");
    }

    @Test
    void savingCreatesRevisionNPlusOneAndNeverChangesN() {
        SaveResult created = workflow.create(Sheets.experience("Zirond'aile", "Première version."), contributor("alice"), "création");
        String slug = assertInstanceOf(SaveResult.Saved.class, created).slug();
        assertEquals("zirondaile", slug);
        Revision first = sheets.findRevision(slug, 1).orElseThrow();

        SaveResult saved = workflow.save(slug, 1, Sheets.experience("Zirond'aile", "Deuxième version."), contributor("bob"), "précision");

        assertEquals(new SaveResult.Saved(slug, 2), saved);
        Revision firstAgain = sheets.findRevision(slug, 1).orElseThrow();
        assertEquals(first.getSource(), firstAgain.getSource());
        assertEquals(first.getHtml(), firstAgain.getHtml());
        assertEquals("alice", firstAgain.getAuthor());
        assertEquals(first.getCreatedAt().toInstant(), firstAgain.getCreatedAt().toInstant());
        Revision second = sheets.findRevision(slug, 2).orElseThrow();
        assertTrue(second.getSource().contains("Deuxième version."));
        assertEquals("bob", second.getAuthor());
        assertEquals(List.of(2, 1), sheets.history(slug).stream().map(Revision::getNumber).toList());
        assertEquals(2, sheets.find(slug).orElseThrow().getLatestRevision());
    }

    @Test
    void aSaveOnAnOutdatedRevisionIsAConflictAndStoresNothing() {
        String slug = ((SaveResult.Saved) workflow.create(Sheets.experience("Garage solidaire", "v1"), contributor("alice"), null)).slug();
        workflow.save(slug, 1, Sheets.experience("Garage solidaire", "v2 d'Alice"), contributor("alice"), null);

        SaveResult late = workflow.save(slug, 1, Sheets.experience("Garage solidaire", "v2 de Bob"), contributor("bob"), null);

        SaveResult.Conflict conflict = assertInstanceOf(SaveResult.Conflict.class, late);
        assertEquals(2, conflict.currentRevision());
        assertEquals(2, sheets.history(slug).size());
        assertTrue(sheets.findRevision(slug, 2).orElseThrow().getSource().contains("v2 d'Alice"));
    }

    @Test
    void concurrentSavesOnTheSameRevisionLetExactlyOneWin() throws Exception {
        String slug = ((SaveResult.Saved) workflow.create(Sheets.experience("Mobilité solidaire", "v1"), contributor("alice"), null)).slug();
        int writers = 6;
        CyclicBarrier start = new CyclicBarrier(writers);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<SaveResult>> results = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            String author = "auteur-" + i;
            results.add(pool.submit(() -> {
                start.await();
                return workflow.save(slug, 1, Sheets.experience("Mobilité solidaire", "texte de " + author), contributor(author), null);
            }));
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        List<SaveResult> outcomes = new ArrayList<>();
        for (Future<SaveResult> result : results) {
            outcomes.add(result.get());
        }

        assertEquals(1, outcomes.stream().filter(SaveResult.Saved.class::isInstance).count(), outcomes::toString);
        assertEquals(writers - 1, outcomes.stream().filter(SaveResult.Conflict.class::isInstance).count(), outcomes::toString);
        assertEquals(2, sheets.history(slug).size());
        assertTrue(sheets.findRevision(slug, 1).orElseThrow().getSource().contains("v1"));
    }

    @Test
    void theVersionColumnStopsALostUpdate() {
        String slug = ((SaveResult.Saved) workflow.create(Sheets.experience("Solid'Art", "v1"), contributor("alice"), null)).slug();
        EntityManager alice = jpa.newEntityManager();
        EntityManager bob = jpa.newEntityManager();
        Sheet seenByAlice = alice.createQuery("select s from Sheet s where s.slug = :s", Sheet.class).setParameter("s", slug).getSingleResult();
        Sheet seenByBob = bob.createQuery("select s from Sheet s where s.slug = :s", Sheet.class).setParameter("s", slug).getSingleResult();

        alice.getTransaction().begin();
        seenByAlice.publish(seenByAlice.getPendingRevision(), OffsetDateTime.now());
        alice.getTransaction().commit();

        bob.getTransaction().begin();
        seenByBob.publish(seenByBob.getPendingRevision(), OffsetDateTime.now().plusMinutes(1));
        RollbackException lost = assertThrows(RollbackException.class, () -> bob.getTransaction().commit());
        assertTrue(WriteConflicts.isConflict(lost), "the service reads it as a conflict");
        alice.close();
        bob.close();
    }

    @Test
    void anInvalidSheetIsRefusedFieldByFieldAndNothingIsStored() {
        String source = Sheets.experience("Sans statut", "x").replace("status: pérennisée", "status: en cours");

        SaveResult result = workflow.create(source, contributor("alice"), null);

        SaveResult.Invalid invalid = assertInstanceOf(SaveResult.Invalid.class, result);
        assertEquals("status", invalid.errors().get(0).field());
        assertEquals(List.of(), sheets.sheetsAfter("", 1), "nothing stored");
    }

    @Test
    void importKeepsTheHistoryPublishesTheLastRevisionAndIndexesLinksAndAliases() {
        OffsetDateTime created = OffsetDateTime.parse("2019-01-31T15:05:00+01:00");
        imports.importSheet("le-principe-de-continuite", List.of(
                new SheetImports.ImportedRevision(Sheets.notion("Continuité", "LePrincipeDeContinuite", "v1"), "WikiAdmin", created, "import"),
                new SheetImports.ImportedRevision(Sheets.notion("Le principe de continuité", "LePrincipeDeContinuite", "v2"), "WikiAdmin",
                        created.plusHours(1), "mise à jour")), "import");
        imports.importSheet("zirondaile", List.of(new SheetImports.ImportedRevision(
                Sheets.experience("Zirond'aile", "Voir [[LePrincipeDeContinuite]] et [[fiche-absente]]."), "import", created, null)), "import");

        Revision published = sheets.findPublished("le-principe-de-continuite").orElseThrow();
        assertEquals(2, published.getNumber());
        assertEquals("Le principe de continuité", published.getTitle());
        assertEquals(created.toInstant(), sheets.findRevision("le-principe-de-continuite", 1).orElseThrow().getCreatedAt().toInstant());
        assertEquals("le-principe-de-continuite", links.resolveAlias("LePrincipeDeContinuite").orElseThrow());
        assertEquals(List.of(ReviewState.PUBLISHED, ReviewState.ARCHIVED), sheets.history("le-principe-de-continuite").stream()
                .map(Revision::getReviewState).toList());
        WorkflowEvent publication = sheets.transitions("le-principe-de-continuite").get(0);
        assertEquals(List.of(2, ReviewState.SUBMITTED, ReviewState.PUBLISHED, "import"), List.of(publication.getRevisionNumber(),
                publication.getFrom(), publication.getTo(), publication.getActor()), "the import's publication is recorded");
        Revision zirondaile = sheets.findPublished("zirondaile").orElseThrow();
        assertEquals(List.of("fiche-absente", "le-principe-de-continuite"), zirondaile.getLinks());
        assertEquals(List.of("zirondaile"), sheets.backlinks("le-principe-de-continuite").stream()
                .map(r -> r.getSheet().getSlug()).toList());
        assertInstanceOf(SaveResult.Conflict.class, imports.importSheet("zirondaile", List.of(new SheetImports.ImportedRevision(
                Sheets.experience("Zirond'aile", "doublon"), "import", created, null)), "import"));
    }

    @Test
    void renamingASheetKeepsTheLinksToItsTitlesAndBacklinksWorking() {
        Actor editor = new Actor("edith", java.util.Set.of(Actor.EDITOR));
        String renamed = createAndPublish(Sheets.experience("Maison de services", "v1"), editor);
        String before = createAndPublish(Sheets.experience("Annuaire des lieux",
                "Voir [[Maison de services]] et [[France Services de Trifouillis]]."), editor);
        assertTrue(links.linkedHtml(sheets.findPublished(before).orElseThrow()).contains("absente"),
                "no sheet has the second title yet: a red link");

        retitleAndPublish(renamed, "Relais de services", editor);
        retitleAndPublish(renamed, "France Services de Trifouillis", editor);
        String after = createAndPublish(Sheets.experience("Carte des lieux", "Voir [[Relais de services]]."), editor);

        String beforeHtml = links.linkedHtml(sheets.findPublished(before).orElseThrow());
        assertEquals(2, org.jsoup.Jsoup.parse(beforeHtml).select("a.wikilink[href=/fiches/" + renamed + "]").size(),
                "the link by the first title and the link by the title taken later both reach the sheet: " + beforeHtml);
        assertTrue(!beforeHtml.contains("absente"), beforeHtml);
        String afterHtml = links.linkedHtml(sheets.findPublished(after).orElseThrow());
        assertEquals(1, org.jsoup.Jsoup.parse(afterHtml).select("a.wikilink[href=/fiches/" + renamed + "]").size(),
                "a link written after the change, by the title the sheet left, reaches it: " + afterHtml);
        assertEquals(List.of(before, after), sheets.backlinks(renamed).stream().map(r -> r.getSheet().getSlug()).toList());
        assertEquals(renamed, links.resolveWikiTarget("france services de trifouillis"), "titles match without case or accents");
    }

    @Test
    void aTitleLeftByASheetGoesToTheSheetThatTakesIt() {
        Actor editor = new Actor("edith", java.util.Set.of(Actor.EDITOR));
        String first = createAndPublish(Sheets.experience("Tiers-lieu rural", "v1"), editor);
        retitleAndPublish(first, "Tiers-lieu de Seille", editor);
        String second = createAndPublish(Sheets.experience("Bus numérique", "v1"), editor);
        retitleAndPublish(second, "Tiers-lieu rural", editor);

        assertEquals(second, links.resolveWikiTarget("Tiers-lieu rural"), "a current title before an old name");
        assertEquals(first, links.resolveWikiTarget("tiers-lieu-rural"), "the slug itself still designates its sheet");
    }

    @Test
    void restoringMakesANewDraftWithTheOldTextAndNeverShowsAnotherAuthorsDraft() {
        Actor alice = new Actor("alice", java.util.Set.of(Actor.CONTRIBUTOR));
        Actor bob = new Actor("bob", java.util.Set.of(Actor.CONTRIBUTOR));
        String slug = assertInstanceOf(SaveResult.Saved.class, workflow.create(Sheets.experience("Ressourcerie", "v1 d'Alice"), alice, null)).slug();
        workflow.save(slug, 1, Sheets.experience("Ressourcerie", "v2 d'Alice"), alice, null);

        assertEquals(new SaveResult.NotFound(slug), workflow.restore(slug, 1, bob, null), "Alice's drafts are not Bob's to read");
        assertEquals(new SaveResult.Saved(slug, 3), workflow.restore(slug, 1, alice, null));

        Revision restored = sheets.findRevision(slug, 3).orElseThrow();
        assertTrue(restored.getSource().contains("v1 d'Alice"));
        assertEquals("Restauration de la révision 1", restored.getComment());
        assertEquals(ReviewState.DRAFT, restored.getReviewState());
        assertEquals(ReviewState.SUPERSEDED, sheets.findRevision(slug, 2).orElseThrow().getReviewState());
    }

    private String createAndPublish(String source, Actor editor) {
        String slug = assertInstanceOf(SaveResult.Saved.class, workflow.create(source, editor, null)).slug();
        assertInstanceOf(SaveResult.Saved.class, workflow.publish(slug, editor, null));
        return slug;
    }

    private void retitleAndPublish(String slug, String title, Actor editor) {
        int base = sheets.find(slug).orElseThrow().getLatestRevision();
        assertInstanceOf(SaveResult.Saved.class, workflow.save(slug, base, Sheets.experience(title, "renommée"), editor, null));
        assertInstanceOf(SaveResult.Saved.class, workflow.publish(slug, editor, null));
        assertEquals(title, sheets.find(slug).orElseThrow().getTitle());
    }
}
