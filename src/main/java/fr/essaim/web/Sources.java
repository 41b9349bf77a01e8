package fr.essaim.web;

import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** The sources of a sheet, for display. */
public final class Sources {

    public record Source(String title, String publisher, String year, String url) {
    }

    private Sources() {
    }

    static List<Source> of(JsonObject fields) {
        List<Source> sources = new ArrayList<>();
        if (!fields.containsKey("sources")) {
            return sources;
        }
        for (JsonValue value : fields.getJsonArray("sources")) {
            JsonObject source = value.asJsonObject();
            sources.add(new Source(source.getString("title", ""), source.getString("publisher", null),
                    text(source.get("year")), source.getString("url", null)));
        }
        return sources;
    }

    /** A year written 2013 or "2013" in the front matter reads 2013 either way. */
    private static String text(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        return value instanceof JsonString s ? s.getString() : value.toString();
    }
}
