package fr.essaim.shared;

import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

/** Front-matter values (maps, lists, scalars as YAML gives them) as JSON. */
public final class Json {

    /** Looked up once: {@code Json.create…} searches the class path for a provider at every call. */
    public static final JsonProvider JSON = JsonProvider.provider();

    private Json() {
    }

    public static JsonObject toJson(Map<?, ?> map) {
        JsonObjectBuilder object = Json.JSON.createObjectBuilder();
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
            JsonArrayBuilder array = Json.JSON.createArrayBuilder();
            list.forEach(item -> array.add(toJsonValue(item)));
            return array.build();
        }
        if (value instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof Integer || value instanceof Long) {
            return Json.JSON.createValue(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return Json.JSON.createValue(big);
        }
        if (value instanceof Number number) {
            return Json.JSON.createValue(new BigDecimal(number.toString()));
        }
        return Json.JSON.createValue(String.valueOf(value));
    }

    public static JsonObject parse(String json) {
        try (JsonReader reader = Json.JSON.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
