package fr.essaim.markdown;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The HTML of stored revisions, cleaned again with the current allow-list: what was safe under an
 * older policy may not be under a stricter one, and pages show the stored HTML as it is.
 */
public final class StoredHtml {

    private static final int BATCH = 200;

    private StoredHtml() {
    }

    /** Cleans every revision's HTML again, a batch per transaction; returns how many changed. */
    public static int resanitizeAll(DataSource dataSource) throws SQLException {
        int changed = 0;
        long after = Long.MIN_VALUE;
        while (true) {
            Map<Long, String> batch = readBatch(dataSource, after);
            if (batch.isEmpty()) {
                return changed;
            }
            changed += writeBatch(dataSource, batch);
            after = batch.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        }
    }

    private static Map<Long, String> readBatch(DataSource dataSource, long after) throws SQLException {
        Map<Long, String> batch = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "select id, html from revision where id > ? order by id fetch first " + BATCH + " rows only")) {
            query.setLong(1, after);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    batch.put(rows.getLong(1), rows.getString(2));
                }
            }
        }
        return batch;
    }

    private static int writeBatch(DataSource dataSource, Map<Long, String> batch) throws SQLException {
        int changed = 0;
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement update = connection.prepareStatement("update revision set html = ? where id = ?")) {
                for (Map.Entry<Long, String> revision : batch.entrySet()) {
                    String clean = HtmlSanitizer.sanitize(revision.getValue());
                    if (!clean.equals(revision.getValue())) {
                        update.setString(1, clean);
                        update.setLong(2, revision.getKey());
                        update.addBatch();
                        changed++;
                    }
                }
                update.executeBatch();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
        return changed;
    }
}
