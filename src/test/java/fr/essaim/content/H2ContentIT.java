package fr.essaim.content;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;

import org.junit.jupiter.api.io.TempDir;

import fr.essaim.support.TestDatabases;

class H2ContentIT extends ContentContract {

    @TempDir
    Path dataDir;

    @Override
    DataSource emptyDatabase() throws Exception {
        return TestDatabases.freshH2(Files.createTempDirectory(dataDir, "h2"));
    }
}
