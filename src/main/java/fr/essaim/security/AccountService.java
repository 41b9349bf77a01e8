package fr.essaim.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

import fr.essaim.config.DataSourceDeclaration;
import fr.essaim.config.Jdbc;

/** Accounts: created with a hashed password and their roles. */
@ApplicationScoped
public class AccountService {

    private static final Logger LOG = Logger.getLogger(AccountService.class.getName());

    @Resource(lookup = DataSourceDeclaration.JNDI_NAME)
    DataSource dataSource;

    @Inject
    Pbkdf2PasswordHash hash;

    @PostConstruct
    void configureHash() {
        hash.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
                "Pbkdf2PasswordHash.Iterations", "120000",
                "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                "Pbkdf2PasswordHash.KeySizeBytes", "32"));
    }

    public long count() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("select count(*) from account")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    public void create(String username, char[] password, Collection<String> roles) throws SQLException {
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement account = connection.prepareStatement(
                         "insert into account (username, password_hash, created_at) values (?, ?, ?)");
                 PreparedStatement role = connection.prepareStatement(
                         "insert into account_role (username, role) values (?, ?)")) {
                account.setString(1, username);
                account.setString(2, hash.generate(password));
                account.setObject(3, OffsetDateTime.now());
                account.executeUpdate();
                for (String name : roles) {
                    role.setString(1, username);
                    role.setString(2, name);
                    role.executeUpdate();
                }
                return null;
            }
        });
    }

    /** On a database without accounts, creates {@code admin} with the given password, if one is given. */
    public void createAdminIfNone(String password) throws SQLException {
        if (count() > 0) {
            return;
        }
        if (password == null || password.isBlank()) {
            LOG.warning("Aucun compte n'existe : définissez ESSAIM_ADMIN_PASSWORD et redémarrez pour créer le compte « admin ».");
            return;
        }
        create("admin", password.toCharArray(), Roles.ALL);
        LOG.info("Compte « admin » créé avec le mot de passe de ESSAIM_ADMIN_PASSWORD.");
    }
}
