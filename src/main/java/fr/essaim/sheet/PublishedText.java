package fr.essaim.sheet;

import java.time.OffsetDateTime;

/**
 * What readers of many sheets at once (the search index) need of a published one, read in a single
 * query. {@code text}, the text of the HTML as the index reads it, is known only where the sheet was
 * just rendered (the bulk import hands it over); read back from the database, it is null and the
 * index takes it from the HTML.
 */
public record PublishedText(long id, String slug, String kind, String title, String summary, String html,
        String fieldsJson, OffsetDateTime updated, String text) {

    /** As read back from the database. */
    public PublishedText(long id, String slug, String kind, String title, String summary, String html, String fieldsJson,
            OffsetDateTime updated) {
        this(id, slug, kind, title, summary, html, fieldsJson, updated, null);
    }
}
