package fr.essaim.sheet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.essaim.infra.DatabaseMigration;
import fr.essaim.markdown.HtmlSanitizer;
import fr.essaim.support.TestDatabases;

/** HTML stored under an older, looser policy is cleaned again with the current one. */
class StoredHtmlIT {

    @TempDir
    Path dataDir;

    @Test
    void htmlStoredUnderAnOlderPolicyIsCleanedAndCleanHtmlIsLeftAlone() throws SQLException {
        DataSource database = TestDatabases.freshH2(dataDir);
        DatabaseMigration.migrate(database);
        String clean = HtmlSanitizer.sanitize("<h2 id=\"contexte\">Contexte</h2><p>Une <mark>fiche</mark> sûre.</p>");
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("insert into sheet (id, slug, kind, state, title, title_key, latest_revision, created_at, updated_at, version) "
                    + "values (1, 'ancienne', 'notion', 'PUBLISHED', 'Ancienne', 'ancienne', 2, current_timestamp, current_timestamp, 1)");
            sql.execute("insert into revision (id, sheet_id, number, source, kind, title, fields_json, html, author, created_at, review_state) "
                    + "values (1, 1, 1, 'x', 'notion', 'Ancienne', '{}', '<p onclick=\"vol()\">Texte</p><script>vol()</script>"
                    + "<a href=\"javascript:vol()\">lien</a>', 'import', current_timestamp, 'ARCHIVED')");
            sql.execute("insert into revision (id, sheet_id, number, source, kind, title, fields_json, html, author, created_at, review_state) "
                    + "values (2, 1, 2, 'x', 'notion', 'Ancienne', '{}', '" + clean.replace("'", "''") + "', 'import', current_timestamp, 'PUBLISHED')");
        }

        int changed = new JpaSheetRepository(null, Clock.systemUTC()).rewriteAllHtml(database, HtmlSanitizer::sanitize);

        assertEquals(1, changed, "only the revision stored under the older policy changes");
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("select id, html from revision order by id")) {
            rows.next();
            String cleaned = rows.getString(2);
            assertFalse(cleaned.contains("script"), cleaned);
            assertFalse(cleaned.contains("onclick"), cleaned);
            assertFalse(cleaned.contains("javascript:"), cleaned);
            assertTrue(cleaned.contains("Texte") && cleaned.contains("lien"), "the text stays: " + cleaned);
            rows.next();
            assertEquals(clean, rows.getString(2));
        }
    }
}
