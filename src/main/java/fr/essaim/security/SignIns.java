package fr.essaim.security;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import fr.essaim.infra.DataSourceDeclaration;

/**
 * Signed-in people as every node knows them: a random token in a cookie, its SHA-256 in the
 * database. Any node recognises the cookie, so no request needs the node that signed the person
 * in; deleting the row signs out everywhere at once.
 */
@ApplicationScoped
public class SignIns {

    static final String COOKIE = "essaim_connexion";
    /** A working day: the cookie itself ends with the browser. */
    static final Duration LIFETIME = Duration.ofHours(12);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Resource(lookup = DataSourceDeclaration.JNDI_NAME)
    DataSource dataSource;

    /** Signs an account in: a new row, and the cookie that names it. */
    public void signIn(String username, HttpServletRequest request, HttpServletResponse response) throws SQLException {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        OffsetDateTime now = OffsetDateTime.now();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement expired = connection.prepareStatement("delete from sign_in where expires_at < ?")) {
                expired.setObject(1, now);
                expired.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into sign_in (token_hash, username, created_at, expires_at) values (?, ?, ?, ?)")) {
                insert.setString(1, TokenService.hash(token));
                insert.setString(2, username);
                insert.setObject(3, now);
                insert.setObject(4, now.plus(LIFETIME));
                insert.executeUpdate();
            }
        }
        response.addHeader("Set-Cookie", cookie(request, token, false));
    }

    /** The account signed in by this request's cookie, if the sign-in is still valid. */
    public Optional<String> caller(HttpServletRequest request) throws SQLException {
        List<String> tokens = tokens(request);
        if (tokens.isEmpty()) {
            return Optional.empty();
        }
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "select username from sign_in where token_hash = ? and expires_at > ?")) {
            // A cookie planted under another path or domain may come first: any valid one counts.
            for (String token : tokens) {
                select.setString(1, TokenService.hash(token));
                select.setObject(2, OffsetDateTime.now());
                try (ResultSet row = select.executeQuery()) {
                    if (row.next()) {
                        return Optional.of(row.getString(1));
                    }
                }
            }
            return Optional.empty();
        }
    }

    /** Signs this browser out on every node: its rows go, and its cookie. */
    public void signOut(HttpServletRequest request, HttpServletResponse response) throws SQLException {
        List<String> tokens = tokens(request);
        if (tokens.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("delete from sign_in where token_hash = ?")) {
            for (String token : tokens) {
                delete.setString(1, TokenService.hash(token));
                delete.executeUpdate();
            }
        }
        if (!response.isCommitted()) {
            response.addHeader("Set-Cookie", cookie(request, "", true));
        }
    }

    /** Every browser of an account signed out: used when the account is disabled or its password changed. */
    static void signOutEverywhere(Connection connection, String username) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("delete from sign_in where username = ?")) {
            delete.setString(1, username);
            delete.executeUpdate();
        }
    }

    private static List<String> tokens(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return List.of();
        }
        List<String> tokens = new ArrayList<>();
        for (Cookie cookie : cookies) {
            if (COOKIE.equals(cookie.getName()) && cookie.getValue() != null && !cookie.getValue().isEmpty()
                    && cookie.getValue().length() <= 100 && tokens.size() < 4) {
                tokens.add(cookie.getValue());
            }
        }
        return tokens;
    }

    /** Never sent with a cross-site POST, never readable by scripts, Secure over HTTPS. */
    private static String cookie(HttpServletRequest request, String value, boolean expire) {
        String path = request.getContextPath().isEmpty() ? "/" : request.getContextPath();
        return COOKIE + "=" + value + "; Path=" + path + "; HttpOnly; SameSite=Lax"
                + (request.isSecure() ? "; Secure" : "") + (expire ? "; Max-Age=0" : "");
    }
}
