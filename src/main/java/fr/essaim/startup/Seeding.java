package fr.essaim.startup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The first-start work of an installation (reference data, administrator, corpus) done once for
 * all the nodes that share the database. The lock row of {@code seeding} is held for the whole
 * work, so nodes started together take turns and the later ones find the work done.
 */
final class Seeding {

    interface Work {
        void run() throws SQLException;
    }

    private Seeding() {
    }

    static void underLock(DataSource dataSource, Work work) throws SQLException {
        try (Connection lock = dataSource.getConnection()) {
            boolean autoCommit = lock.getAutoCommit();
            lock.setAutoCommit(false);
            try (Statement sql = lock.createStatement()) {
                sql.executeQuery("select name from seeding where name = 'verrou' for update").close();
                work.run();
                lock.commit();
            } catch (SQLException | RuntimeException e) {
                lock.rollback();
                throw e;
            } finally {
                lock.setAutoCommit(autoCommit);
            }
        }
    }

    static boolean isDone(DataSource dataSource, String step) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("select done_at from seeding where name = ?")) {
            query.setString(1, step);
            try (ResultSet row = query.executeQuery()) {
                return row.next() && row.getTimestamp(1) != null;
            }
        }
    }

    static void markDone(DataSource dataSource, String step) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "insert into seeding (name, done_at) values (?, current_timestamp)")) {
            insert.setString(1, step);
            insert.executeUpdate();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        }
    }
}
