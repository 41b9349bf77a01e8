package fr.essaim.territory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import javax.sql.DataSource;

import fr.essaim.infra.Jdbc;

/** The territory table: written once, in batches, when the database is new. */
public final class TerritoryStore {

    private static final int BATCH = 2_000;

    private TerritoryStore() {
    }

    /** Loads the territories if the table is empty; returns how many rows were written. */
    public static int loadIfEmpty(DataSource dataSource, List<Territory> territories) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (Statement count = connection.createStatement();
                 ResultSet rows = count.executeQuery("select count(*) from territory")) {
                rows.next();
                if (rows.getLong(1) > 0) {
                    return 0;
                }
            }
        }
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into territory "
                    + "(territory_key, level, code, name, departement, region, epci, population, postcodes) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int pending = 0;
                for (Territory t : territories) {
                    insert.setString(1, t.key());
                    insert.setString(2, t.level());
                    insert.setString(3, t.code());
                    insert.setString(4, t.name());
                    insert.setString(5, t.departement());
                    insert.setString(6, t.region());
                    insert.setString(7, t.epci());
                    if (t.population() > 0) {
                        insert.setLong(8, t.population());
                    } else {
                        insert.setNull(8, Types.BIGINT);
                    }
                    insert.setString(9, t.postcodes().isEmpty() ? null : String.join(" ", t.postcodes()));
                    insert.addBatch();
                    if (++pending == BATCH) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }
                insert.executeBatch();
            }
            return territories.size();
        });
    }
}
