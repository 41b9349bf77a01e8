package fr.essaim.content;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;

import fr.essaim.support.TestDatabases;

class PostgresContentIT extends ContentContract {

    @Override
    DataSource emptyDatabase() throws Exception {
        return TestDatabases.freshPostgres();
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        TestDatabases.dropPostgres();
    }
}
