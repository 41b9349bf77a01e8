package fr.essaim.essaimage;

import java.nio.file.Path;
import javax.sql.DataSource;

import org.junit.jupiter.api.io.TempDir;

import fr.essaim.support.TestDatabases;

/** The essaimage contract on the embedded H2 file database. */
class H2EssaimageIT extends EssaimageContract {

    @TempDir
    Path dataDir;

    @Override
    DataSource emptyDatabase() {
        return TestDatabases.freshH2(dataDir);
    }
}
