package fr.essaim.sheet;

import java.util.OptionalInt;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The year the facts of a sheet date from: the latest of its sources' years, the year its status
 * was observed and its own year. An import or a later edit does not make old facts newer.
 */
public final class InformationDate {

    private InformationDate() {
    }

    public static OptionalInt year(JsonObject fields) {
        int latest = 0;
        if (fields.get("sources") instanceof JsonArray sources) {
            for (JsonValue source : sources) {
                if (source instanceof JsonObject s) {
                    latest = Math.max(latest, yearOf(s.get("year")));
                }
            }
        }
        latest = Math.max(latest, yearOf(fields.get("statusYear")));
        latest = Math.max(latest, yearOf(fields.get("year")));
        return latest == 0 ? OptionalInt.empty() : OptionalInt.of(latest);
    }

    /** 2013 or "2013" alike; anything else counts as no year. */
    private static int yearOf(JsonValue value) {
        try {
            if (value instanceof JsonNumber number) {
                return number.intValueExact();
            }
            if (value instanceof JsonString text && text.getString().strip().matches("[0-9]{4}")) {
                return Integer.parseInt(text.getString().strip());
            }
        } catch (ArithmeticException e) {
            return 0;
        }
        return 0;
    }
}
