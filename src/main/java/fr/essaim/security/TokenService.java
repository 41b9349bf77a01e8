package fr.essaim.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import fr.essaim.infra.DataSourceDeclaration;
import fr.essaim.infra.Jdbc;

/**
 * API tokens: 256 random bits shown once to their owner; only their SHA-256 is stored (a secret
 * of that size needs no slow hash), so a database leak gives no usable token.
 */
@ApplicationScoped
public class TokenService {

    static final String PREFIX = "essaim_";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Resource(lookup = DataSourceDeclaration.JNDI_NAME)
    DataSource dataSource;

    /** A token as listed: never its value. */
    public record Token(long id, String owner, String label, OffsetDateTime createdAt, OffsetDateTime lastUsedAt,
            OffsetDateTime revokedAt) {
    }

    /** A token just created: the only moment its value is known. */
    public record NewToken(long id, String value) {
    }

    public NewToken create(String owner, String label) throws SQLException {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String value = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        long id = Jdbc.inTransaction(dataSource, connection -> {
            long next = nextId(connection);
            try (PreparedStatement insert = connection.prepareStatement("insert into api_token "
                    + "(id, username, token_hash, label, created_at) values (?, ?, ?, ?, ?)")) {
                insert.setLong(1, next);
                insert.setString(2, owner);
                insert.setString(3, hash(value));
                insert.setString(4, label == null || label.isBlank() ? null : label.strip());
                insert.setObject(5, OffsetDateTime.now());
                insert.executeUpdate();
            }
            return next;
        });
        return new NewToken(id, value);
    }

    private static long nextId(Connection connection) throws SQLException {
        String dialect = connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
        String sql = dialect.contains("postgres") ? "select nextval('api_token_seq')" : "select next value for api_token_seq";
        try (PreparedStatement next = connection.prepareStatement(sql); ResultSet row = next.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** The account a live token belongs to, if the token is known, not revoked, and its account enabled. */
    public Optional<String> authenticate(String value) throws SQLException {
        if (value == null || !value.startsWith(PREFIX) || value.length() > 100) {
            return Optional.empty();
        }
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement find = connection.prepareStatement("select t.id, t.username from api_token t "
                    + "join account a on a.username = t.username where t.token_hash = ? and t.revoked_at is null "
                    + "and a.disabled = false")) {
                find.setString(1, hash(value));
                try (ResultSet row = find.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    try (PreparedStatement used = connection.prepareStatement(
                            "update api_token set last_used_at = ? where id = ?")) {
                        used.setObject(1, OffsetDateTime.now());
                        used.setLong(2, row.getLong(1));
                        used.executeUpdate();
                    }
                    return Optional.of(row.getString(2));
                }
            }
        });
    }

    /** Tokens of one owner, or every token when owner is null; newest first. */
    public List<Token> list(String owner) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select id, username, label, created_at, "
                     + "last_used_at, revoked_at from api_token" + (owner == null ? "" : " where username = ?")
                     + " order by id desc")) {
            if (owner != null) {
                select.setString(1, owner);
            }
            List<Token> tokens = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    tokens.add(new Token(rows.getLong(1), rows.getString(2), rows.getString(3),
                            rows.getObject(4, OffsetDateTime.class), rows.getObject(5, OffsetDateTime.class),
                            rows.getObject(6, OffsetDateTime.class)));
                }
            }
            return tokens;
        }
    }

    public Optional<Token> find(long id) throws SQLException {
        return list(null).stream().filter(t -> t.id() == id).findFirst();
    }

    /** Revokes a token for good; true if it was live. */
    public boolean revoke(long id) throws SQLException {
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement revoke = connection.prepareStatement(
                    "update api_token set revoked_at = ? where id = ? and revoked_at is null")) {
                revoke.setObject(1, OffsetDateTime.now());
                revoke.setLong(2, id);
                return revoke.executeUpdate() == 1;
            }
        });
    }

    static String hash(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
