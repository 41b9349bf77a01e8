package fr.essaim.infra;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The random name of this database, written once by the first node that starts. A dump restored
 * elsewhere keeps it: it is the same content, whose change log then tells how far it goes.
 */
public final class DatabaseIdentity {

    private DatabaseIdentity() {
    }

    /** The database's name, given one now if it has none; nodes that race get the same. */
    public static String of(DataSource dataSource) throws SQLException {
        Optional<String> known = read(dataSource);
        if (known.isPresent()) {
            return known.get();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "insert into database_identity (singleton, id) values (1, ?)")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.executeUpdate();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            // Another node named it first: its name is the one.
            return read(dataSource).orElseThrow(() -> e);
        }
        return read(dataSource).orElseThrow(() -> new SQLException("identité de la base illisible"));
    }

    private static Optional<String> read(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("select id from database_identity where singleton = 1");
             ResultSet row = query.executeQuery()) {
            return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
        }
    }
}
