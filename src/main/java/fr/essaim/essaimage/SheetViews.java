package fr.essaim.essaimage;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;

import fr.essaim.infra.DataSourceDeclaration;
import fr.essaim.infra.Jdbc;

/**
 * How often each sheet is read, per month: a count per sheet and month and nothing else, no
 * cookie; a reader counts once a minute (see {@link Visitors}) and bots not at all. Counts are
 * gathered in memory and written every minute.
 */
@ApplicationScoped
public class SheetViews {

    /** The views of a sheet in one month. */
    public record Month(YearMonth month, long count) {

        /** « décembre 2026 ». */
        public String label() {
            return month.format(java.time.format.DateTimeFormatter.ofPattern("MMMM yyyy", java.util.Locale.FRENCH));
        }
    }

    private record Key(String slug, LocalDate month) {
    }

    @Resource(lookup = DataSourceDeclaration.JNDI_NAME)
    DataSource dataSource;

    private final Clock clock;
    private final Visitors visitors;
    private final Pending<Key, Long> pending = new Pending<>(Long::sum);

    public SheetViews() {
        this(null, Clock.systemUTC());
    }

    public SheetViews(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.visitors = new Visitors(clock);
    }

    /** Someone opened the page of this published sheet. */
    public void viewed(String slug, HttpServletRequest request) {
        if (visitors.firstThisMinute(request, "v\n" + slug)) {
            count(slug);
        }
    }

    /** One more view of this sheet this month. */
    void count(String slug) {
        pending.add(new Key(slug, YearMonth.now(clock.withZone(SearchGaps.ZONE)).atDay(1)), 1L);
    }

    /** Writes the counts gathered so far. */
    public void flush() {
        pending.flush(dataSource, (connection, key, count) -> Tallies.add(connection,
                "update monthly_view set count = count + ? where month_start = ? and sheet_id = (select id from sheet where slug = ?)",
                "insert into monthly_view (count, month_start, sheet_id) select ?, ?, id from sheet where slug = ?",
                count, Date.valueOf(key.month()), key.slug()));
    }

    /** The views of a sheet in its last twelve months with views, the latest first. */
    public List<Month> months(String slug) throws SQLException {
        flush();
        return Jdbc.inTransaction(dataSource, connection -> {
            List<Month> months = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("select v.month_start, v.count from monthly_view v "
                    + "join sheet s on s.id = v.sheet_id where s.slug = ? order by v.month_start desc")) {
                select.setString(1, slug);
                select.setMaxRows(12);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        months.add(new Month(YearMonth.from(rows.getDate(1).toLocalDate()), rows.getLong(2)));
                    }
                }
            }
            return months;
        });
    }
}
