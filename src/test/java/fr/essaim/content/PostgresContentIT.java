package fr.essaim.content;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.ExtendWith;

import fr.essaim.support.TestDatabases;

@ExtendWith(TestDatabases.DropPostgresAfterAll.class)
class PostgresContentIT extends ContentContract {

    @Override
    DataSource emptyDatabase() throws Exception {
        return TestDatabases.freshPostgres();
    }
}
