package fr.essaim.search;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;

import fr.essaim.support.TestDatabases;

class PostgresIndexConsistencyIT extends IndexConsistencyContract {

    @Override
    DataSource emptyDatabase() throws Exception {
        return TestDatabases.freshPostgres();
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        TestDatabases.dropPostgres();
    }
}
