package fr.essaim.sheet;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** A valid sheet source with what was derived from it, ready to become a revision. */
public record ParsedSheet(String source, Map<String, Object> frontMatter, String kind, String title, String summary,
        String fieldsJson, String html, List<String> links, Set<String> aliases) {
}
