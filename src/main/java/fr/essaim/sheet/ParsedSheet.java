package fr.essaim.sheet;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A valid sheet source with what was derived from it, ready to become a revision; {@code text} is
 * the text of the HTML as the search index reads it, not stored.
 */
public record ParsedSheet(String source, Map<String, Object> frontMatter, String kind, String title, String summary,
        String fieldsJson, String html, String text, List<String> links, Set<String> aliases) {
}
