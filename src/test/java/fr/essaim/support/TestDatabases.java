package fr.essaim.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

import fr.essaim.infra.ConfiguredDataSource;
import fr.essaim.infra.DatabaseSettings;

/** Databases for the integration tests: a dedicated PostgreSQL database, or an H2 file. */
public final class TestDatabases {

    /** Named by a property so that several checkouts can run their tests on one server at once. */
    public static final String POSTGRES_DATABASE = System.getProperty("essaim.test.pg.database", "essaim_it");

    private TestDatabases() {
    }

    public static String serverUrl() {
        return System.getProperty("essaim.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/");
    }

    public static String user() {
        return System.getProperty("essaim.test.pg.user", "postgres");
    }

    public static String password() {
        return System.getProperty("essaim.test.pg.password", "");
    }

    /** A connection to the server's maintenance database, to create and drop test databases. */
    public static Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(serverUrl() + "postgres", user(), password());
    }

    /** Creates the test database if needed and empties it: every test starts from nothing. */
    public static DataSource freshPostgres() throws SQLException {
        try (Connection admin = DriverManager.getConnection(serverUrl() + "postgres", user(), password());
             Statement sql = admin.createStatement()) {
            var exists = sql.executeQuery("select 1 from pg_database where datname = '" + POSTGRES_DATABASE + "'");
            if (!exists.next()) {
                sql.execute("create database " + POSTGRES_DATABASE);
            }
        }
        // A small pool, as the container has, so that tests do not open a connection per statement.
        org.postgresql.ds.PGConnectionPoolDataSource pooled = new org.postgresql.ds.PGConnectionPoolDataSource();
        pooled.setURL(serverUrl() + POSTGRES_DATABASE);
        pooled.setUser(user());
        if (!password().isEmpty()) {
            pooled.setPassword(password());
        }
        DataSource dataSource = org.h2.jdbcx.JdbcConnectionPool.create(pooled);
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("drop schema public cascade");
            sql.execute("create schema public");
        }
        return dataSource;
    }

    /** For test classes on PostgreSQL: drops the test database once the class is done with it. */
    public static final class DropPostgresAfterAll implements org.junit.jupiter.api.extension.AfterAllCallback {
        @Override
        public void afterAll(org.junit.jupiter.api.extension.ExtensionContext context) throws SQLException {
            dropPostgres();
        }
    }

    /** Removes the test database once the tests are done with it. */
    public static void dropPostgres() throws SQLException {
        try (Connection admin = DriverManager.getConnection(serverUrl() + "postgres", user(), password());
             Statement sql = admin.createStatement()) {
            sql.execute("drop database if exists " + POSTGRES_DATABASE + " with (force)");
        }
    }

    /** A new H2 file database in the given folder, as the application makes by default. */
    public static DataSource freshH2(Path folder) {
        DatabaseSettings embedded = DatabaseSettings.embedded(folder);
        // Without a pool in front, the database would be closed and reopened with every connection.
        return ConfiguredDataSource.create(new DatabaseSettings(embedded.url() + ";DB_CLOSE_DELAY=-1",
                embedded.user(), embedded.password()));
    }
}
