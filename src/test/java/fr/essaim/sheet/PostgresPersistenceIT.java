package fr.essaim.sheet;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.ExtendWith;

import fr.essaim.support.TestDatabases;

/** The persistence contract on PostgreSQL, in a database of its own. */
@ExtendWith(TestDatabases.DropPostgresAfterAll.class)
class PostgresPersistenceIT extends PersistenceContract {

    @Override
    DataSource emptyDatabase() throws Exception {
        return TestDatabases.freshPostgres();
    }
}
