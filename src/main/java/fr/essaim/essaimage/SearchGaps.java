package fr.essaim.essaimage;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;

import fr.essaim.infra.DataSourceDeclaration;
import fr.essaim.infra.Jdbc;

/**
 * What people search for in vain: searches that found at most {@link #FEW} sheets, counted by
 * normalised query, once per visitor and minute, without bots or partners' widgets. Nothing is kept
 * that could tell who searched (see {@link GapQueries}, {@link Visitors}); rows not seen for
 * {@link #KEPT_MONTHS} months are deleted.
 */
@ApplicationScoped
public class SearchGaps {

    /**
     * At most this many results is a gap: with a corpus of a few hundred sheets, one or two hits for a
     * subject mean the reader found a lone example at best, where the network would want several.
     */
    public static final int FEW = 2;
    public static final int KEPT_MONTHS = 12;
    static final ZoneId ZONE = ZoneId.of("Europe/Paris");

    /** One gap as editors see it. */
    public record Gap(String query, long count, int results, LocalDate lastSeen) {
    }

    /** Counts gathered since the last write, and the results of the latest search counted. */
    record Counted(long count, int results) {
    }

    @Resource(lookup = DataSourceDeclaration.JNDI_NAME)
    DataSource dataSource;

    private final Clock clock;
    private final Visitors visitors;
    private final Pending<String, Counted> pending = new Pending<>((a, b) -> new Counted(a.count() + b.count(), b.results()));

    public SearchGaps() {
        this(null, Clock.systemUTC());
    }

    public SearchGaps(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.visitors = new Visitors(clock);
    }

    /**
     * Counts a search someone ran, if it is a gap: its first page, its words alone (with facets a
     * search finds nothing because of the places or themes chosen, not for want of a sheet on its
     * subject), at most {@link #FEW} results, not sent by a bot or another site's script.
     */
    public void searched(String query, boolean narrowed, int page, long results, HttpServletRequest request) {
        if (narrowed || page != 1 || results > FEW || Visitors.isCrossSite(request)) {
            return;
        }
        GapQueries.normalise(query).filter(q -> visitors.firstThisMinute(request, "q\n" + q))
                .ifPresent(q -> count(q, results));
    }

    /** One more search for this normalised query, which found this many sheets. */
    void count(String query, long results) {
        pending.add(query, new Counted(1, (int) results));
    }

    /** Writes the counts gathered so far. */
    public void flush() {
        Date today = Date.valueOf(LocalDate.now(clock.withZone(ZONE)));
        pending.flush(dataSource, (connection, query, counted) -> Tallies.add(connection,
                "update search_gap set count = count + ?, results = ?, last_seen = ? where query = ?",
                "insert into search_gap (count, results, last_seen, query) values (?, ?, ?, ?)",
                counted.count(), counted.results(), today, query));
    }

    /** The gaps, most searched first. */
    public List<Gap> list(int limit) throws SQLException {
        flush();
        return Jdbc.inTransaction(dataSource, connection -> {
            List<Gap> gaps = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("select query, count, results, last_seen "
                    + "from search_gap order by count desc, last_seen desc, query")) {
                select.setMaxRows(limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        gaps.add(new Gap(rows.getString(1), rows.getLong(2), rows.getInt(3), rows.getDate(4).toLocalDate()));
                    }
                }
            }
            return gaps;
        });
    }

    /** Deletes the gaps nobody searched for in the last {@link #KEPT_MONTHS} months; returns how many. */
    public int forgetOld() throws SQLException {
        Date limit = Date.valueOf(LocalDate.now(clock.withZone(ZONE)).minusMonths(KEPT_MONTHS));
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement delete = connection.prepareStatement("delete from search_gap where last_seen < ?")) {
                delete.setDate(1, limit);
                return delete.executeUpdate();
            }
        });
    }
}
