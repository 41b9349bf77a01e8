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

import fr.essaim.infra.DataSourceDeclaration;
import fr.essaim.infra.Jdbc;
import fr.essaim.mail.EmailAddresses;

/** Accounts: created with a hashed password and their roles. */
@ApplicationScoped
public class AccountService {

    private static final Logger LOG = Logger.getLogger(AccountService.class.getName());

    @Resource(lookup = DataSourceDeclaration.JNDI_NAME)
    DataSource dataSource;

    @Inject
    Pbkdf2PasswordHash hash;

    @Inject
    PasswordWork work;

    /** Checked in place of the hash of an unknown account: every check costs the same time. */
    private String unknownAccountHash;

    @PostConstruct
    void configureHash() {
        hash.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
                "Pbkdf2PasswordHash.Iterations", "120000",
                "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                "Pbkdf2PasswordHash.KeySizeBytes", "32"));
        unknownAccountHash = hash.generate(java.util.UUID.randomUUID().toString().toCharArray());
    }

    /**
     * The roles of an enabled account whose password this is; empty otherwise. An unknown or
     * disabled account costs the same hash as a wrong password, so timing tells them apart no more
     * than the answer does.
     */
    public java.util.Optional<java.util.Set<String>> verify(String name, char[] password) throws SQLException {
        String stored = null;
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "select password_hash from account where username = ? and disabled = false")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    stored = row.getString(1);
                }
            }
        }
        boolean right = hash.verify(password, stored == null ? unknownAccountHash : stored);
        return right && stored != null ? activeRoles(name) : java.util.Optional.empty();
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

    /** An account as administrators see it: never its password hash. */
    public record Account(String name, java.util.List<String> roles, boolean disabled, OffsetDateTime createdAt,
            String email, boolean reviewMails) {
    }

    /** Why an account cannot be created or changed as asked, in French. */
    public static final class AccountException extends Exception {
        public AccountException(String message) {
            super(message);
        }
    }

    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9._-]{1,49}");
    static final int MIN_PASSWORD = 10;

    /** Checks the request, then creates the account; a name already taken is refused as such. */
    public Account register(String name, char[] password, Collection<String> roles) throws AccountException, SQLException {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new AccountException("Nom de compte invalide : 2 à 50 caractères parmi minuscules, chiffres, « . », « _ » et « - ».");
        }
        checkPassword(password);
        checkRoles(roles);
        if (find(name).isPresent()) {
            throw new AccountException("Le compte « " + name + " » existe déjà.");
        }
        create(name, password, roles);
        return find(name).orElseThrow();
    }

    /** Changes roles, the disabled flag or the password; whatever is null stays as it is. */
    public Account update(String name, Collection<String> roles, Boolean disabled, char[] password)
            throws AccountException, SQLException {
        if (find(name).isEmpty()) {
            throw new AccountException("Aucun compte ne s'appelle « " + name + " ».");
        }
        if (roles != null) {
            checkRoles(roles);
        }
        if (password != null) {
            checkPassword(password);
        }
        Jdbc.inTransaction(dataSource, connection -> {
            if (roles != null) {
                try (PreparedStatement delete = connection.prepareStatement("delete from account_role where username = ?");
                     PreparedStatement insert = connection.prepareStatement(
                             "insert into account_role (username, role) values (?, ?)")) {
                    delete.setString(1, name);
                    delete.executeUpdate();
                    for (String role : new java.util.LinkedHashSet<>(roles)) {
                        insert.setString(1, name);
                        insert.setString(2, role);
                        insert.executeUpdate();
                    }
                }
            }
            if (disabled != null) {
                try (PreparedStatement update = connection.prepareStatement("update account set disabled = ? where username = ?")) {
                    update.setBoolean(1, disabled);
                    update.setString(2, name);
                    update.executeUpdate();
                }
                if (disabled) {
                    SignIns.signOutEverywhere(connection, name);
                }
            }
            if (password != null) {
                try (PreparedStatement update = connection.prepareStatement(
                        "update account set password_hash = ? where username = ?")) {
                    update.setString(1, hash.generate(password));
                    update.setString(2, name);
                    update.executeUpdate();
                }
            }
            return null;
        });
        if (password != null) {
            work.forgetAll();
        }
        return find(name).orElseThrow();
    }

    /**
     * Sets the address review mails go to (blank removes it) and whether this person wants them;
     * an address that cannot receive mail is refused, in French.
     */
    public Account setContact(String name, String email, boolean reviewMails) throws AccountException, SQLException {
        String address = null;
        if (email != null && !email.isBlank()) {
            address = EmailAddresses.normalize(email).orElseThrow(() -> new AccountException(EmailAddresses.invalid(email)));
        }
        String stored = address;
        int changed = Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "update account set email = ?, review_mails = ? where username = ?")) {
                update.setString(1, stored);
                update.setBoolean(2, reviewMails);
                update.setString(3, name);
                return update.executeUpdate();
            }
        });
        if (changed == 0) {
            throw new AccountException("Aucun compte ne s'appelle « " + name + " ».");
        }
        return find(name).orElseThrow();
    }

    public java.util.Optional<Account> find(String name) throws SQLException {
        return list().stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** Every account with its roles, by name. */
    public java.util.List<Account> list() throws SQLException {
        java.util.Map<String, java.util.List<String>> roles = new java.util.HashMap<>();
        java.util.List<Account> accounts = new java.util.ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            try (ResultSet rows = sql.executeQuery("select username, role from account_role order by role")) {
                while (rows.next()) {
                    roles.computeIfAbsent(rows.getString(1), k -> new java.util.ArrayList<>()).add(rows.getString(2));
                }
            }
            try (ResultSet rows = sql.executeQuery("select username, disabled, created_at, email, review_mails from account order by username")) {
                while (rows.next()) {
                    String name = rows.getString(1);
                    java.util.List<String> granted = roles.getOrDefault(name, java.util.List.of());
                    accounts.add(new Account(name, Roles.ALL.stream().filter(granted::contains).toList(),
                            rows.getBoolean(2), rows.getObject(3, OffsetDateTime.class), rows.getString(4), rows.getBoolean(5)));
                }
            }
        }
        return accounts;
    }

    /** The roles of an enabled account; empty if the account is missing or disabled. */
    public java.util.Optional<java.util.Set<String>> activeRoles(String name) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select r.role from account a left join account_role r "
                     + "on r.username = a.username where a.username = ? and a.disabled = false")) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return java.util.Optional.empty();
                }
                java.util.Set<String> roles = new java.util.HashSet<>();
                do {
                    if (rows.getString(1) != null) {
                        roles.add(rows.getString(1));
                    }
                } while (rows.next());
                return java.util.Optional.of(roles);
            }
        }
    }

    private static void checkPassword(char[] password) throws AccountException {
        if (password == null || password.length < MIN_PASSWORD) {
            throw new AccountException("Mot de passe trop court : " + MIN_PASSWORD + " caractères au moins.");
        }
    }

    private static void checkRoles(Collection<String> roles) throws AccountException {
        for (String role : roles) {
            if (!Roles.ALL.contains(role)) {
                throw new AccountException("Rôle inconnu « " + role + " » : les rôles sont " + String.join(", ", Roles.ALL) + ".");
            }
        }
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
