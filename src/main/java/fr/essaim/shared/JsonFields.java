package fr.essaim.shared;

import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

/** Front-matter values (maps, lists, scalars as YAML gives them) as JSON. */
public final class JsonFields {

    /** Looked up once: {@code Json.create…} searches the class path for a provider at every call. */
    public static final JsonProvider JSON = JsonProvider.provider();

    private JsonFields() {
    }

    public static JsonObject toJson(Map<?, ?> map) {
        JsonObjectBuilder object = JsonFields.JSON.createObjectBuilder();
        map.forEach((key, value) -> object.add(String.valueOf(key), toJsonValue(value)));
        return object.build();
    }

    public static JsonValue toJsonValue(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        if (value instanceof Map<?, ?> map) {
            return toJson(map);
        }
        if (value instanceof Collection<?> list) {
            JsonArrayBuilder array = JsonFields.JSON.createArrayBuilder();
            list.forEach(item -> array.add(toJsonValue(item)));
            return array.build();
        }
        if (value instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof Integer || value instanceof Long) {
            return JsonFields.JSON.createValue(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return JsonFields.JSON.createValue(big);
        }
        if (value instanceof Number number) {
            return JsonFields.JSON.createValue(new BigDecimal(number.toString()));
        }
        return JsonFields.JSON.createValue(String.valueOf(value));
    }

    public static JsonObject parse(String json) {
        try (JsonReader reader = JsonFields.JSON.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    /** A field's value or values, as strings; nothing for a missing or null field. */
    public static List<String> strings(JsonValue value) {
        List<String> values = new ArrayList<>();
        if (value == null || value == JsonValue.NULL) {
            return values;
        }
        for (JsonValue item : value instanceof JsonArray array ? array : List.of(value)) {
            if (item instanceof JsonString text && !text.getString().isBlank()) {
                values.add(text.getString().strip());
            } else if (item instanceof JsonNumber number) {
                values.add(number.toString());
            }
        }
        return values;
    }
}
