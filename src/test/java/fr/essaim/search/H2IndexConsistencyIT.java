package fr.essaim.search;

import java.nio.file.Files;
import javax.sql.DataSource;

import fr.essaim.support.TestDatabases;

class H2IndexConsistencyIT extends IndexConsistencyContract {

    @Override
    DataSource emptyDatabase() throws Exception {
        return TestDatabases.freshH2(Files.createTempDirectory(folder, "db"));
    }
}
