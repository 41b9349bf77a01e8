package fr.essaim.search;

import java.time.OffsetDateTime;

import jakarta.json.JsonObject;

/** What the index needs of a published sheet; {@code text}, the HTML's text, when already known (else null). */
public record IndexedSheet(String slug, String kind, String title, String summary, String html, JsonObject fields,
        OffsetDateTime updated, String text) {
}
