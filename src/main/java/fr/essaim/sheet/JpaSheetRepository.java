package fr.essaim.sheet;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import fr.essaim.infra.Jdbc;

/**
 * {@link SheetRepository} with JPA for the writes of one sheet, and JDBC batches for the bulk
 * import and the rewriting of stored HTML, where JPA would only slow things down. Both forms hand
 * out ids from the same sequences ({@link #ID_STEP}), change numbers from the same counter
 * ({@link #TAKE_CHANGES}) and title keys from {@link WikiTargets#titleKey}.
 */
@ApplicationScoped
public class JpaSheetRepository implements SheetRepository {

    /** Ids come from sequences that step by this much; JPA allocates them so (see the entities). */
    static final int ID_STEP = 50;
    /** Takes the next change numbers: the counter row stays locked until commit, so numbers follow commit order. */
    private static final String TAKE_CHANGES = "update change_counter set last_seq = last_seq + %d where id = 1";
    static final String LAST_CHANGE = "select last_seq from change_counter where id = 1";
    private static final int HTML_BATCH = 200;

    private EntityManager em;
    private Clock clock;

    /** Told after each commit that wrote to the change log; absent outside the container. */
    @Inject
    Event<SheetChanged> changes;

    protected JpaSheetRepository() {
        // for the container's proxy
    }

    @Inject
    public JpaSheetRepository(EntityManager em) {
        this(em, Clock.systemUTC());
    }

    public JpaSheetRepository(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    @Override
    public Optional<Sheet> find(String slug) {
        return em.createQuery("select s from Sheet s where s.slug = :slug", Sheet.class)
                .setParameter("slug", slug).getResultStream().findFirst();
    }

    @Override
    public Optional<Revision> findRevision(String slug, int number) {
        return em.createQuery("select r from Revision r where r.sheet.slug = :slug and r.number = :number", Revision.class)
                .setParameter("slug", slug).setParameter("number", number)
                .getResultStream().findFirst();
    }

    @Override
    public Optional<String> aliasOwner(String alias) {
        return em.createQuery("select s.slug from Sheet s join s.aliases a where a = :name", String.class)
                .setParameter("name", alias).getResultStream().findFirst();
    }

    // ----- one sheet, with JPA

    @Override
    public Sheet add(String slug, ParsedSheet parsed, OffsetDateTime at) {
        Sheet sheet = new Sheet(slug, parsed.kind(), parsed.title(), at);
        em.persist(sheet);
        // The sheet row must exist before its first revision points to it.
        em.flush();
        return sheet;
    }

    @Override
    public Revision append(Sheet sheet, ParsedSheet parsed, String author, OffsetDateTime at, String comment,
            ReviewState state) {
        Revision revision = new Revision(sheet, sheet.getLatestRevision() + 1, parsed, author, at, comment);
        revision.setReviewState(state);
        em.persist(revision);
        em.flush();
        sheet.propose(revision);
        return revision;
    }

    @Override
    public Revision draft(Sheet sheet, ParsedSheet parsed, String author, OffsetDateTime at, String comment) {
        Revision replaced = sheet.getPendingRevision();
        if (replaced != null && replaced.getReviewState().isOpen()) {
            replaced.setReviewState(ReviewState.SUPERSEDED);
        }
        Revision revision = append(sheet, parsed, author, at, comment, ReviewState.DRAFT);
        record(sheet, revision, null, ReviewState.DRAFT, author, comment, at);
        em.flush();
        return revision;
    }

    @Override
    public void transition(Sheet sheet, Revision revision, ReviewState to, String actor, String comment, OffsetDateTime at) {
        ReviewState from = revision.getReviewState();
        revision.setReviewState(to);
        record(sheet, revision, from, to, actor, comment, at);
    }

    @Override
    public void publish(Sheet sheet, Revision revision, String actor, String comment, OffsetDateTime at) {
        Revision previous = sheet.getPublishedRevision();
        if (previous != null && previous != revision && previous.getReviewState() == ReviewState.PUBLISHED) {
            previous.setReviewState(ReviewState.ARCHIVED);
        }
        transition(sheet, revision, ReviewState.PUBLISHED, actor, comment, at);
        sheet.publish(revision, at);
        sheet.addAliases(SheetParser.aliasesOf(revision.getSource()));
        if (previous != null) {
            keepFormerTitle(sheet, previous.getTitle());
        }
        recordChange(sheet.getSlug());
        em.flush();
    }

    @Override
    public void reject(Sheet sheet, Revision pending, String actor, String comment, OffsetDateTime at) {
        transition(sheet, pending, ReviewState.REJECTED, actor, comment, at);
        sheet.closePending();
    }

    @Override
    public void unpublish(Sheet sheet, String actor, String comment, OffsetDateTime at) {
        transition(sheet, sheet.getPublishedRevision(), ReviewState.WITHDRAWN, actor, comment, at);
        sheet.unpublish(at);
        recordChange(sheet.getSlug());
        em.flush();
    }

    /**
     * A published sheet that changes its title keeps the former one as an old name, so that links
     * to it, written before or after the change, still reach the sheet — unless that name belongs
     * to another sheet.
     */
    private void keepFormerTitle(Sheet sheet, String formerTitle) {
        String former = WikiTargets.titleKey(formerTitle);
        if (former.equals(sheet.getTitleKey()) || former.equals(sheet.getSlug()) || sheet.getAliases().contains(former)) {
            return;
        }
        if (ownerOf(former).isEmpty()) {
            sheet.addAliases(Set.of(former));
        }
    }

    private void record(Sheet sheet, Revision revision, ReviewState from, ReviewState to, String actor, String comment,
            OffsetDateTime at) {
        em.persist(new WorkflowEvent(sheet, revision.getNumber(), from, to, actor, at, eventComment(comment)));
    }

    private static String eventComment(String comment) {
        return comment == null || comment.isBlank() ? null : comment.strip();
    }

    /** Appends to the change log, in the caller's transaction. */
    private void recordChange(String slug) {
        em.createNativeQuery(TAKE_CHANGES.formatted(1)).executeUpdate();
        long seq = ((Number) em.createNativeQuery(LAST_CHANGE).getSingleResult()).longValue();
        em.persist(new Change(seq, slug, now()));
        if (changes != null) {
            changes.fire(new SheetChanged(slug));
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    // ----- many sheets, with JDBC batches

    @Override
    public List<PublishedText> addPublished(Connection connection, List<NewSheet> batch, String importer, String comment,
            OffsetDateTime at) throws SQLException {
        if (batch.isEmpty()) {
            return List.of();
        }
        long[] sheetIds = ids(connection, "sheet_seq", batch.size());
        long[] revisionIds = ids(connection, "revision_seq", batch.size());
        long[] eventIds = ids(connection, "workflow_event_seq", batch.size());
        long lastSeq;
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(TAKE_CHANGES.formatted(batch.size()));
            try (ResultSet rs = statement.executeQuery(LAST_CHANGE)) {
                rs.next();
                lastSeq = rs.getLong(1);
            }
        }
        try (PreparedStatement sheets = connection.prepareStatement("insert into sheet (id, slug, kind, state, title, "
                + "title_key, latest_revision, published_revision_id, pending_revision_id, created_at, updated_at, version) "
                + "values (?, ?, ?, 'PUBLISHED', ?, ?, 1, null, null, ?, ?, 1)");
                PreparedStatement revisions = connection.prepareStatement("insert into revision (id, sheet_id, number, "
                        + "source, kind, title, summary, fields_json, html, author, created_at, comment, review_state) "
                        + "values (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PUBLISHED')");
                PreparedStatement published = connection.prepareStatement(
                        "update sheet set published_revision_id = ? where id = ?");
                PreparedStatement links = connection.prepareStatement(
                        "insert into revision_link (revision_id, target_slug) values (?, ?)");
                PreparedStatement aliases = connection.prepareStatement(
                        "insert into sheet_alias (alias, sheet_id) values (?, ?)");
                PreparedStatement events = connection.prepareStatement("insert into workflow_event (id, sheet_id, "
                        + "revision_number, from_state, to_state, actor, created_at, comment, mail_pending) "
                        + "values (?, ?, 1, 'SUBMITTED', 'PUBLISHED', ?, ?, ?, false)");
                PreparedStatement changeLog = connection.prepareStatement(
                        "insert into change_log (seq, slug, created_at) values (?, ?, ?)")) {
            for (int i = 0; i < batch.size(); i++) {
                ParsedSheet sheet = batch.get(i).sheet();
                String slug = batch.get(i).slug();
                sheets.setLong(1, sheetIds[i]);
                sheets.setString(2, slug);
                sheets.setString(3, sheet.kind());
                sheets.setString(4, sheet.title());
                sheets.setString(5, WikiTargets.titleKey(sheet.title()));
                sheets.setObject(6, at);
                sheets.setObject(7, at);
                sheets.addBatch();
                revisions.setLong(1, revisionIds[i]);
                revisions.setLong(2, sheetIds[i]);
                revisions.setString(3, sheet.source());
                revisions.setString(4, sheet.kind());
                revisions.setString(5, sheet.title());
                revisions.setString(6, sheet.summary());
                revisions.setString(7, sheet.fieldsJson());
                revisions.setString(8, sheet.html());
                revisions.setString(9, importer);
                revisions.setObject(10, at);
                revisions.setString(11, comment);
                revisions.addBatch();
                published.setLong(1, revisionIds[i]);
                published.setLong(2, sheetIds[i]);
                published.addBatch();
                for (String link : new TreeSet<>(sheet.links())) {
                    links.setLong(1, revisionIds[i]);
                    links.setString(2, link);
                    links.addBatch();
                }
                for (String alias : sheet.aliases()) {
                    aliases.setString(1, alias);
                    aliases.setLong(2, sheetIds[i]);
                    aliases.addBatch();
                }
                events.setLong(1, eventIds[i]);
                events.setLong(2, sheetIds[i]);
                events.setString(3, importer);
                events.setObject(4, at);
                events.setString(5, eventComment(comment));
                events.addBatch();
                changeLog.setLong(1, lastSeq - batch.size() + 1 + i);
                changeLog.setString(2, slug);
                changeLog.setObject(3, at);
                changeLog.addBatch();
            }
            sheets.executeBatch();
            revisions.executeBatch();
            published.executeBatch();
            links.executeBatch();
            aliases.executeBatch();
            events.executeBatch();
            changeLog.executeBatch();
        }
        List<PublishedText> written = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            ParsedSheet sheet = batch.get(i).sheet();
            written.add(new PublishedText(sheetIds[i], batch.get(i).slug(), sheet.kind(), sheet.title(), sheet.summary(),
                    sheet.html(), sheet.fieldsJson(), at, sheet.text()));
        }
        return written;
    }

    /** {@code count} fresh ids from a sequence stepping by {@link #ID_STEP}: each value v stands for v-49…v. */
    private static long[] ids(Connection connection, String sequence, int count) throws SQLException {
        boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        String next = postgres ? "select nextval('" + sequence + "')" : "select next value for " + sequence;
        long[] ids = new long[count];
        int filled = 0;
        try (PreparedStatement statement = connection.prepareStatement(next)) {
            while (filled < count) {
                long value;
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    value = rs.getLong(1);
                }
                for (long id = value - ID_STEP + 1; id <= value && filled < count; id++) {
                    ids[filled++] = id;
                }
            }
        }
        return ids;
    }

    @Override
    public int rewriteAllHtml(DataSource dataSource, UnaryOperator<String> rewrite) throws SQLException {
        int changed = 0;
        long after = Long.MIN_VALUE;
        while (true) {
            Map<Long, String> batch = htmlAfter(dataSource, after);
            if (batch.isEmpty()) {
                return changed;
            }
            changed += Jdbc.inTransaction(dataSource, connection -> rewriteHtml(connection, batch, rewrite));
            after = batch.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        }
    }

    private static Map<Long, String> htmlAfter(DataSource dataSource, long after) throws SQLException {
        Map<Long, String> batch = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "select id, html from revision where id > ? order by id fetch first " + HTML_BATCH + " rows only")) {
            query.setLong(1, after);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    batch.put(rows.getLong(1), rows.getString(2));
                }
            }
        }
        return batch;
    }

    private static int rewriteHtml(Connection connection, Map<Long, String> batch, UnaryOperator<String> rewrite)
            throws SQLException {
        int changed = 0;
        try (PreparedStatement update = connection.prepareStatement("update revision set html = ? where id = ?")) {
            for (Map.Entry<Long, String> revision : batch.entrySet()) {
                String rewritten = rewrite.apply(revision.getValue());
                if (!rewritten.equals(revision.getValue())) {
                    update.setString(1, rewritten);
                    update.setLong(2, revision.getKey());
                    update.addBatch();
                    changed++;
                }
            }
            update.executeBatch();
        }
        return changed;
    }
}
