package fr.essaim.infra;

import java.util.logging.Logger;
import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The schema belongs to the Flyway migrations in {@code db/migration}, plus the Java ones listed
 * here, on PostgreSQL and H2 alike.
 */
public final class DatabaseMigration {

    private static final Logger LOG = Logger.getLogger(DatabaseMigration.class.getName());

    private DatabaseMigration() {
    }

    public static MigrateResult migrate(DataSource dataSource) {
        Flyway flyway = Flyway.configure(DatabaseMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                // Registered by hand: scanning the classpath for classes is unreliable in the container.
                .javaMigrations(new V21__SheetTitleKeys())
                .load();
        MigrateResult result = flyway.migrate();
        LOG.info(() -> "Schéma de la base : " + result.migrationsExecuted + " migration(s) appliquée(s), version "
                + flyway.info().current().getVersion());
        return result;
    }
}
