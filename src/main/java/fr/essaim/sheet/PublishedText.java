package fr.essaim.sheet;

import java.time.OffsetDateTime;

/** What readers of many sheets at once (the search index) need of a published one, read in a single query. */
public record PublishedText(long id, String slug, String kind, String title, String summary, String html,
        String fieldsJson, OffsetDateTime updated) {
}
