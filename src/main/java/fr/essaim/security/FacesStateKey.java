package fr.essaim.security;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;

import fr.essaim.infra.ConfiguredDataSource;
import fr.essaim.infra.DatabaseMigration;

/**
 * The key that encrypts the Faces view state kept in the browser ({@code STATE_SAVING_METHOD=client}),
 * the same on every node: a form written on one node is posted to another. Mojarra reads it from
 * {@code java:comp/env/faces/ClientSideSecretKey}, which {@code web.xml} links to the name bound
 * here. Kept in the database, drawn at random by the first node: nothing to configure. Bound
 * before Faces starts, hence at container initialisation.
 */
public class FacesStateKey implements ServletContainerInitializer {

    static final String JNDI_NAME = "essaim/faces-state-key";
    private static final Logger LOG = Logger.getLogger(FacesStateKey.class.getName());

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        try {
            String key = sharedKey(new ConfiguredDataSource());
            new InitialContext().rebind(JNDI_NAME, key);
        } catch (SQLException | NamingException | RuntimeException e) {
            LOG.log(Level.WARNING, "Clé commune des formulaires indisponible : ce nœud chiffre l'état des formulaires "
                    + "avec sa propre clé, un formulaire ouvert sur lui ne pourra pas être envoyé à un autre nœud", e);
        }
    }

    static String sharedKey(DataSource dataSource) throws SQLException {
        // The key lives in the schema: the migrations run now (the start-up finds them done).
        DatabaseMigration.migrate(dataSource);
        try (Connection connection = dataSource.getConnection()) {
            String existing = read(connection);
            if (existing != null) {
                return existing;
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into node_secret (name, secret) values ('faces-state', ?)")) {
                insert.setString(1, Base64.getEncoder().encodeToString(key));
                insert.executeUpdate();
            } catch (SQLException e) {
                // Another node drew its key at the same moment: the first one written is everyone's.
                if (!"23505".equals(e.getSQLState())) {
                    throw e;
                }
            }
            return read(connection);
        }
    }

    private static String read(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select secret from node_secret where name = 'faces-state'");
             ResultSet row = select.executeQuery()) {
            return row.next() ? row.getString(1) : null;
        }
    }
}
