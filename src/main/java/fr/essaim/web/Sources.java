package fr.essaim.web;

import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonObject;
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
                    source.containsKey("year") ? source.get("year").toString() : null, source.getString("url", null)));
        }
        return sources;
    }
}
