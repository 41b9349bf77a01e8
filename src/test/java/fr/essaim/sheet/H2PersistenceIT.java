package fr.essaim.sheet;

import java.nio.file.Path;
import javax.sql.DataSource;

import org.junit.jupiter.api.io.TempDir;

import fr.essaim.support.TestDatabases;

/** The persistence contract on the embedded H2 file database, the zero-setup default. */
class H2PersistenceIT extends PersistenceContract {

    @TempDir
    Path dataDir;

    @Override
    DataSource emptyDatabase() {
        return TestDatabases.freshH2(dataDir);
    }
}
