package fr.essaim.sheet;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * Where sheets and their revisions are stored: the only way rows of {@code sheet}, {@code revision},
 * {@code revision_link}, {@code sheet_alias}, {@code workflow_event} and {@code change_log} are
 * written, by the single write of the services and by the first-start bulk import alike. The
 * services decide (rights, base revision, names taken); the repository carries the decision out,
 * in the caller's transaction, and records what every step requires: the workflow event of each
 * transition, the change-log entry of each change to what readers see.
 */
public interface SheetRepository {

    /** A sheet to bring in with one published revision, by the bulk import. */
    record NewSheet(String slug, ParsedSheet sheet) {
    }

    Optional<Sheet> find(String slug);

    Optional<Revision> findRevision(String slug, int number);

    /** The slug of the sheet that has this old name, if any. */
    Optional<String> aliasOwner(String alias);

    /** The slug of the sheet that has this name as its slug or as an old name, if any. */
    default Optional<String> ownerOf(String name) {
        return find(name).map(Sheet::getSlug).or(() -> aliasOwner(name));
    }

    /** A new sheet, with no revision yet; the sheet row exists when this returns. */
    Sheet add(String slug, ParsedSheet parsed, OffsetDateTime at);

    /** Appends revision n+1 in this review state, as a corpus's history gives it; no workflow step. */
    Revision append(Sheet sheet, ParsedSheet parsed, String author, OffsetDateTime at, String comment, ReviewState state);

    /** Appends revision n+1 as a new draft of the author's, replacing a draft still open. */
    Revision draft(Sheet sheet, ParsedSheet parsed, String author, OffsetDateTime at, String comment);

    /** Moves a revision to another review state and records the step. */
    void transition(Sheet sheet, Revision revision, ReviewState to, String actor, String comment, OffsetDateTime at);

    /**
     * The one publication routine: the revision becomes what readers see, the one published
     * before is archived, the sheet takes the revision's old names and keeps its former title as
     * one, the step is recorded and the change log told.
     */
    void publish(Sheet sheet, Revision revision, String actor, String comment, OffsetDateTime at);

    /** The open proposal is refused: recorded, and nothing waits for review any more. */
    void reject(Sheet sheet, Revision pending, String actor, String comment, OffsetDateTime at);

    /** The sheet is withdrawn from readers: recorded, and the change log told. */
    void unpublish(Sheet sheet, String actor, String comment, OffsetDateTime at);

    /**
     * The bulk form of {@link #add}, {@link #append} and {@link #publish} for sheets that come with
     * one revision, published: the same rows, written with JDBC batches on this connection, in its
     * transaction. Returns the published texts of the sheets written, as {@code SheetService.publishedTexts}
     * reads them back once committed.
     */
    List<PublishedText> addPublished(Connection connection, List<NewSheet> sheets, String importer, String comment, OffsetDateTime at)
            throws SQLException;

    /** Passes the stored HTML of every revision through this function again, a batch per transaction; returns how many changed. */
    int rewriteAllHtml(DataSource dataSource, UnaryOperator<String> rewrite) throws SQLException;
}
