package fr.essaim.sheet;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;

import fr.essaim.support.TestDatabases;

/** The persistence contract on PostgreSQL, in a database of its own. */
class PostgresPersistenceIT extends PersistenceContract {

    @Override
    DataSource emptyDatabase() throws Exception {
        return TestDatabases.freshPostgres();
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        TestDatabases.dropPostgres();
    }
}
