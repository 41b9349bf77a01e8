package fr.essaim.essaimage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * Adds to counting rows that other nodes may be adding to as well: an update, else an insert, else
 * (another node inserted meanwhile) the update again. The same statement parameters, in the same
 * order, serve the update and the insert.
 */
final class Tallies {

    private Tallies() {
    }

    static void add(Connection connection, String update, String insert, Object... parameters) throws SQLException {
        if (run(connection, update, parameters) > 0) {
            return;
        }
        // On PostgreSQL a failed statement spoils the transaction unless rolled back to a savepoint.
        Savepoint before = connection.setSavepoint();
        try {
            run(connection, insert, parameters);
        } catch (SQLException e) {
            if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                throw e;
            }
            connection.rollback(before);
            run(connection, update, parameters);
        }
    }

    private static int run(Connection connection, String sql, Object[] parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }
}
