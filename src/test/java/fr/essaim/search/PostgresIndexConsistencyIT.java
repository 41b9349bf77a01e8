package fr.essaim.search;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.ExtendWith;

import fr.essaim.support.TestDatabases;

@ExtendWith(TestDatabases.DropPostgresAfterAll.class)
class PostgresIndexConsistencyIT extends IndexConsistencyContract {

    @Override
    DataSource emptyDatabase() throws Exception {
        return TestDatabases.freshPostgres();
    }
}
