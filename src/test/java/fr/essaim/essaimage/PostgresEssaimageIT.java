package fr.essaim.essaimage;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.ExtendWith;

import fr.essaim.support.TestDatabases;

/** The essaimage contract on PostgreSQL. */
@ExtendWith(TestDatabases.DropPostgresAfterAll.class)
class PostgresEssaimageIT extends EssaimageContract {

    @Override
    DataSource emptyDatabase() throws Exception {
        return TestDatabases.freshPostgres();
    }
}
