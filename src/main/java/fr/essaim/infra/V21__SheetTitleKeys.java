package fr.essaim.infra;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration 21 (Flyway reads the version from the class name): each sheet's title as wiki links
 * match it, in an indexed column. H2 has no index on an expression, and the key folds accents, so it
 * is computed here, in Java, for the sheets that already exist, and by the application on every
 * later write.
 *
 * <p>A migration is history: it calls no application code, so that a later change of the
 * application's folding cannot change what this one did. {@link #titleKey} is a frozen copy of the
 * folding of version 21 ({@code Slugs.slugify} as it was then); if the application's folding
 * changes, a new migration recomputes the keys. Flyway keeps no checksum for a Java migration
 * ({@link BaseJavaMigration#getChecksum()} is null), so the class may move or change without
 * failing the validation of a database where it already ran.
 */
public class V21__SheetTitleKeys extends BaseJavaMigration {

    private static final int BATCH = 500;

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("alter table sheet add column title_key varchar(200)");
        }
        try (Statement read = connection.createStatement();
                ResultSet sheets = read.executeQuery("select id, title from sheet");
                PreparedStatement write = connection.prepareStatement("update sheet set title_key = ? where id = ?")) {
            int pending = 0;
            while (sheets.next()) {
                write.setString(1, titleKey(sheets.getString(2)));
                write.setLong(2, sheets.getLong(1));
                write.addBatch();
                if (++pending == BATCH) {
                    write.executeBatch();
                    pending = 0;
                }
            }
            write.executeBatch();
        }
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("alter table sheet alter column title_key set not null");
            ddl.execute("create index sheet_title_key on sheet (title_key)");
        }
    }

    private static final int MAX_LENGTH = 80;
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern APOSTROPHES = Pattern.compile("['’ʼ`´]");
    private static final Pattern SEPARATORS = Pattern.compile("[^a-z0-9]+");

    /** A title as wiki links matched it at version 21: folded, lower case, words joined by dashes. */
    static String titleKey(String title) {
        String folded = Normalizer.normalize(title == null ? "" : title, Normalizer.Form.NFD);
        folded = MARKS.matcher(folded).replaceAll("")
                .replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae").replace("ß", "ss")
                .toLowerCase(Locale.ROOT);
        folded = APOSTROPHES.matcher(folded).replaceAll("");
        String key = SEPARATORS.matcher(folded).replaceAll("-").replaceAll("^-+|-+$", "");
        if (key.length() > MAX_LENGTH) {
            int cut = key.lastIndexOf('-', MAX_LENGTH);
            key = key.substring(0, cut > 20 ? cut : MAX_LENGTH).replaceAll("-+$", "");
        }
        return key.isEmpty() ? "fiche" : key;
    }
}
