package fr.essaim.alert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a digest reads: an address's confirmed subscriptions and the changes since they were last covered. */
final class DigestQueries {

    /** A confirmed subscription and the last change number its digests covered. */
    record Followed(long id, Target target, long lastSeq) {
    }

    private DigestQueries() {
    }

    static List<Followed> followed(Connection connection, long subscriber) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select id, kind, target, last_seq from alert_subscription "
                + "where subscriber_id = ? and confirmed_at is not null order by id")) {
            select.setLong(1, subscriber);
            List<Followed> list = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    list.add(new Followed(rows.getLong(1), new Target(rows.getString(2), rows.getString(3)), rows.getLong(4)));
                }
            }
            return list;
        }
    }

    /** The sheets whose published state changed in (from, upTo], each with its last change number. */
    static Map<String, Long> changes(Connection connection, long from, long upTo) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select seq, slug from change_log where seq > ? and seq <= ? order by seq")) {
            select.setLong(1, from);
            select.setLong(2, upTo);
            Map<String, Long> changed = new LinkedHashMap<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    changed.put(rows.getString(2), rows.getLong(1));
                }
            }
            return changed;
        }
    }
}
