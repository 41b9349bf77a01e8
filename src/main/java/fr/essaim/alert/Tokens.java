package fr.essaim.alert;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

import fr.essaim.infra.Jdbc;

/**
 * The link token of an address: its subscriber number and an HMAC-SHA256 of that number and the
 * address, keyed by a secret kept in the database so that every node signs and checks alike. It
 * needs no storage, cannot be guessed, and dies with the subscriber (a new subscriber has a new
 * number).
 */
final class Tokens {

    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private final byte[] secret;

    private Tokens(byte[] secret) {
        this.secret = secret;
    }

    /** Reads the secret, creating it on the very first use (the first node to commit wins). */
    static Tokens load(DataSource dataSource) throws SQLException {
        String existing = read(dataSource);
        if (existing == null) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            try {
                Jdbc.inTransaction(dataSource, connection -> {
                    try (PreparedStatement insert = connection.prepareStatement(
                            "insert into alert_secret (id, secret) values (1, ?)")) {
                        insert.setString(1, BASE64.encodeToString(fresh));
                        return insert.executeUpdate();
                    }
                });
            } catch (SQLException e) {
                // Another node created it meanwhile: its secret is the one.
            }
            existing = read(dataSource);
            if (existing == null) {
                throw new SQLException("clé de signature des liens introuvable");
            }
        }
        return new Tokens(Base64.getUrlDecoder().decode(existing));
    }

    private static String read(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select secret from alert_secret where id = 1");
             ResultSet row = select.executeQuery()) {
            return row.next() ? row.getString(1) : null;
        }
    }

    String of(long subscriber, String email) {
        return subscriber + "-" + BASE64.encodeToString(mac(subscriber, email));
    }

    /** The subscriber a token names, before its signature is checked against the address. */
    static OptionalLong subscriberOf(String token) {
        if (token == null || token.length() > 100) {
            return OptionalLong.empty();
        }
        int dash = token.indexOf('-');
        try {
            return dash > 0 ? OptionalLong.of(Long.parseLong(token.substring(0, dash))) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    boolean matches(String token, long subscriber, String email) {
        return MessageDigest.isEqual(of(subscriber, email).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII));
    }

    private byte[] mac(long subscriber, String email) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal((subscriber + "\n" + email).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
