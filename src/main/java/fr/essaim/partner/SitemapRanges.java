package fr.essaim.partner;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which sheets each sitemap file holds: file N the published sheets whose id is in the N-th range
 * of {@code perFile} ids. A sheet never moves from one file to another, so a file changes only when
 * one of its own sheets does, and the most recent {@code updated_at} of its range is a true
 * {@code Last-Modified}. Every question is a primary-key range or an index look-up: its cost does
 * not grow with the number of sheets.
 */
final class SitemapRanges {

    private static final String PUBLISHED = "state = 'PUBLISHED'";

    private final int perFile;

    SitemapRanges(int perFile) {
        this.perFile = perFile;
    }

    /** A published sheet of a file: its slug, and when it last changed. */
    record Entry(String slug, OffsetDateTime updated) {
    }

    /** The numbers of the files that hold a published sheet, in order; the first is always there. */
    List<Integer> files(Connection connection) throws SQLException {
        long maxId;
        try (PreparedStatement query = connection.prepareStatement("select max(id) from sheet");
             ResultSet row = query.executeQuery()) {
            row.next();
            maxId = row.getLong(1);
        }
        List<Integer> files = new ArrayList<>(List.of(1));
        int last = (int) ((maxId + perFile - 1) / perFile);
        try (PreparedStatement any = connection.prepareStatement("select 1 from sheet where id between ? and ? and "
                + PUBLISHED + " fetch first 1 rows only")) {
            for (int file = 2; file <= last; file++) {
                bind(any, file);
                try (ResultSet row = any.executeQuery()) {
                    if (row.next()) {
                        files.add(file);
                    }
                }
            }
        }
        return files;
    }

    /** When a sheet of this file's range last changed (published, withdrawn, written); empty if none is stored. */
    Optional<OffsetDateTime> lastModified(Connection connection, int file) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select max(updated_at) from sheet where id between ? and ?")) {
            bind(query, file);
            return single(query);
        }
    }

    /** When any sheet last changed: the list of files can only have changed then (an index on the column). */
    Optional<OffsetDateTime> lastModified(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select max(updated_at) from sheet")) {
            return single(query);
        }
    }

    /** The published sheets of this file, by id. */
    List<Entry> entries(Connection connection, int file) throws SQLException {
        List<Entry> entries = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("select slug, updated_at from sheet where id between ? and ? and "
                + PUBLISHED + " order by id")) {
            bind(query, file);
            query.setFetchSize(1_000);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    entries.add(new Entry(rows.getString(1), rows.getObject(2, OffsetDateTime.class)));
                }
            }
        }
        return entries;
    }

    private void bind(PreparedStatement query, int file) throws SQLException {
        query.setLong(1, (long) (file - 1) * perFile + 1);
        query.setLong(2, (long) file * perFile);
    }

    private static Optional<OffsetDateTime> single(PreparedStatement query) throws SQLException {
        try (ResultSet row = query.executeQuery()) {
            return row.next() ? Optional.ofNullable(row.getObject(1, OffsetDateTime.class)) : Optional.empty();
        }
    }
}
