package fr.essaim.config;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import fr.essaim.sheet.WikiTargets;

/**
 * Migration 21 (Flyway reads the version from the class name): each sheet's title as wiki links match it, in an indexed column. H2 has no index on
 * an expression, and the key folds accents as the application does, so it is computed here, in Java,
 * for the sheets that already exist, and by the application on every later write.
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
                write.setString(1, WikiTargets.titleKey(sheets.getString(2)));
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
}
