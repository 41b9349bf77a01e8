package fr.essaim.essaimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import fr.essaim.infra.DatabaseMigration;
import fr.essaim.markdown.MarkdownRenderer;
import fr.essaim.sheet.Actor;
import fr.essaim.sheet.FieldError;
import fr.essaim.sheet.SaveResult;
import fr.essaim.sheet.SheetParser;
import fr.essaim.sheet.SheetSchema;
import fr.essaim.sheet.SheetService;
import fr.essaim.sheet.SheetWorkflow;
import fr.essaim.support.SheetBeans;
import fr.essaim.support.ResourceLocalJpa;
import fr.essaim.support.Sheets;

/** Take-up links, search gaps and view counts as stored, checked the same way on each database Essaim runs on. */
abstract class EssaimageContract {

    static final Actor WRITER = new Actor("claire", Set.of(Actor.CONTRIBUTOR));
    static final Actor EDITOR = new Actor("emile", Set.of(Actor.CONTRIBUTOR, Actor.EDITOR));

    private DataSource dataSource;
    private ResourceLocalJpa jpa;
    private SheetWorkflow sheets;
    private SheetService stored;
    private TakeUps takeUps;

    abstract DataSource emptyDatabase() throws Exception;

    @BeforeEach
    void start() throws Exception {
        dataSource = emptyDatabase();
        DatabaseMigration.migrate(dataSource);
        jpa = new ResourceLocalJpa(dataSource);
        SheetBeans beans = new SheetBeans(jpa, Sheets.REFERENCES);
        sheets = beans.workflow;
        stored = beans.sheets;
        takeUps = new TakeUps(jpa.entityManager());
    }

    @AfterEach
    void close() {
        jpa.close();
    }

    static String experience(String title, String territory, String inspiredBy) {
        return """
                ---
                kind: experience
                title: "%s"
                summary: Une expérience écrite pour les tests.
                territories: [%s]
                themes: [3]
                porteur: {name: Commune de test, actorType: commune}
                sources:
                  - {title: Notes de terrain, year: 2024}
                %s---
                ## Contexte

                Texte.
                """.formatted(title, territory, inspiredBy == null ? "" : "inspiredBy: [\"" + inspiredBy + "\"]\n");
    }

    private String publish(String source) {
        SaveResult created = sheets.create(source, WRITER, "création");
        String slug = assertInstanceOf(SaveResult.Saved.class, created, created.toString()).slug();
        assertInstanceOf(SaveResult.Saved.class, sheets.publish(slug, EDITOR, "relu"));
        return slug;
    }

    private List<String> reproductionsOf(String slug) {
        return takeUps.reproductions(slug).stream().map(TakeUps.TakeUp::slug).toList();
    }

    @Test
    void aTakeUpCountsOnceItIsPublishedAndStopsCountingWhenWithdrawn() {
        String garage = publish(experience("Garage solidaire du Hainaut", "departement:59", null));
        assertEquals(List.of(), reproductionsOf(garage));
        SaveResult created = sheets.create(experience("Garage solidaire de Guillestre", "commune:05065",
                "Garage solidaire du Hainaut"), WRITER, "reprise");
        String copy = assertInstanceOf(SaveResult.Saved.class, created).slug();
        assertEquals(List.of(), reproductionsOf(garage), "a draft does not count");

        assertInstanceOf(SaveResult.Saved.class, sheets.publish(copy, EDITOR, "relu"));
        List<TakeUps.TakeUp> reproductions = takeUps.reproductions(garage);
        assertEquals(List.of(copy), reproductions.stream().map(TakeUps.TakeUp::slug).toList());
        assertEquals(List.of("commune:05065"), reproductions.get(0).territories());
        assertEquals(List.of(new TakeUps.Named(garage, "Garage solidaire du Hainaut")), takeUps.inspirations(copy),
                "the title written in inspiredBy is kept as the slug it designates");
        assertEquals(Map.of(garage, 1), takeUps.counts());

        assertInstanceOf(SaveResult.Saved.class, sheets.unpublish(copy, EDITOR, "retirée"));
        assertEquals(List.of(), reproductionsOf(garage), "a withdrawn sheet is no reproduction");
        assertEquals(Map.of(), takeUps.counts());
        assertInstanceOf(SaveResult.Saved.class, sheets.publish(copy, EDITOR, "republiée"));
        assertEquals(List.of(copy), reproductionsOf(garage));
        System.out.println("Reprises de " + garage + " : " + reproductionsOf(garage));
    }

    @Test
    void aRenamedSheetKeepsItsReproductionsAndItsFormerTitleStillDesignatesIt() {
        String garage = publish(experience("Garage solidaire du Hainaut", "departement:59", null));
        String first = publish(experience("Garage solidaire de Vars", "commune:05177", garage));
        assertEquals(List.of(first), reproductionsOf(garage));

        SaveResult renamed = sheets.save(garage, 1, experience("Garage solidaire de l'Avesnois", "departement:59", null),
                WRITER, "nouveau nom");
        assertInstanceOf(SaveResult.Saved.class, renamed);
        assertInstanceOf(SaveResult.Saved.class, sheets.publish(garage, EDITOR, "relu"));
        assertEquals(List.of(first), reproductionsOf(garage), "the rename is followed");
        assertEquals("Garage solidaire de l'Avesnois", takeUps.inspirations(first).get(0).title());

        String second = publish(experience("Garage solidaire d'Embrun", "commune:05046", "Garage solidaire du Hainaut"));
        assertEquals(List.of(garage), takeUps.inspirations(second).stream().map(TakeUps.Named::slug).toList(),
                "the former title designates the renamed sheet");
        assertEquals(List.of(second, first), reproductionsOf(garage), "by title");
    }

    @Test
    void aTakeUpOfAMissingSheetIsRefusedNamingTheField() {
        SaveResult refused = sheets.create(experience("Repair café de Briançon", "commune:05023", "Fiche qui n'existe pas"),
                WRITER, "reprise");
        List<FieldError> errors = assertInstanceOf(SaveResult.Invalid.class, refused, refused.toString()).errors();
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("inspiredBy", errors.get(0).field());
        assertTrue(errors.get(0).message().contains("« Inspirée de »") && errors.get(0).message().contains("Fiche qui n'existe pas"),
                errors.get(0).message());
        System.out.println("Reprise d'une fiche absente : " + errors.get(0));
        assertEquals(0, stored.find("repair-cafe-de-briancon").isPresent() ? 1 : 0, "nothing stored");
    }

    @Test
    void searchGapsAddUpByQueryAcrossNodesAndAreForgottenAfterAYear() throws Exception {
        Clock now = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);
        SearchGaps node = new SearchGaps(dataSource, now);
        SearchGaps other = new SearchGaps(dataSource, now);
        node.count("tiers-lieu numérique", 0);
        node.count("tiers-lieu numérique", 0);
        other.count("tiers-lieu numérique", 1);
        other.flush();
        List<SearchGaps.Gap> gaps = node.list(10);
        assertEquals(List.of(new SearchGaps.Gap("tiers-lieu numérique", 3, 0, LocalDate.of(2026, 12, 6))), gaps,
                "the results of the last search written, the day it was seen");

        SearchGaps later = new SearchGaps(dataSource, Clock.offset(now, java.time.Duration.ofDays(366)));
        later.count("ressourcerie", 0);
        later.flush();
        assertEquals(1, later.forgetOld(), "the row not seen for twelve months");
        assertEquals(List.of("ressourcerie"), later.list(10).stream().map(SearchGaps.Gap::query).toList());
    }

    @Test
    void theCountingTablesHaveNoColumnThatCouldHoldAnAddressACookieOrAnAccount() throws Exception {
        assertEquals(List.of("count", "last_seen", "query", "results"), columns("search_gap"));
        assertEquals(List.of("count", "month_start", "sheet_id"), columns("monthly_view"));
    }

    private List<String> columns(String table) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            String name = connection.getMetaData().storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
            try (ResultSet columns = connection.getMetaData().getColumns(null, null, name, null)) {
                while (columns.next()) {
                    names.add(columns.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        return names.stream().sorted().toList();
    }

    @Test
    void viewsAreCountedPerSheetAndMonth() throws Exception {
        String garage = publish(experience("Garage solidaire du Hainaut", "departement:59", null));
        Clock now = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);
        SheetViews node = new SheetViews(dataSource, now);
        SheetViews other = new SheetViews(dataSource, now);
        node.count(garage);
        node.count(garage);
        other.count(garage);
        other.flush();
        SheetViews nextMonth = new SheetViews(dataSource, Clock.offset(now, java.time.Duration.ofDays(30)));
        nextMonth.count(garage);
        nextMonth.flush();
        assertEquals(List.of(new SheetViews.Month(YearMonth.of(2027, 1), 1), new SheetViews.Month(YearMonth.of(2026, 12), 3)),
                node.months(garage));
        assertEquals("décembre 2026", node.months(garage).get(1).label());
    }
}
