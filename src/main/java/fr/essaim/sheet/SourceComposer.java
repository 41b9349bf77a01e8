package fr.essaim.sheet;

import java.util.LinkedHashMap;
import java.util.Map;

import fr.essaim.shared.Yaml;

/** Writes the Markdown source of a sheet from its fields and body, as forms and JSON clients give them. */
public final class SourceComposer {

    private SourceComposer() {
    }

    /** Front matter in the order given, empty values left out, then the body. */
    public static String compose(Map<String, Object> fields, String body) {
        Map<String, Object> kept = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (value != null && !(value instanceof String s && s.isBlank())
                    && !(value instanceof java.util.Collection<?> c && c.isEmpty())
                    && !(value instanceof Map<?, ?> m && m.isEmpty())) {
                kept.put(name, value);
            }
        });
        String yaml = kept.isEmpty() ? "" : Yaml.dump(kept, false);
        String text = body == null ? "" : body.replace("\r\n", "\n");
        return "---\n" + yaml + "---\n" + text + (text.endsWith("\n") || text.isEmpty() ? "" : "\n");
    }
}
