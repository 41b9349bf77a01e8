package fr.essaim.opendata;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.apache.commons.csv.CSVRecord;

/**
 * Checks CSV records against a Table Schema (frictionless data, v1): field names and order, types
 * (string, year, integer, datetime), and the constraints required, unique, pattern and enum. No
 * Table Schema validator for Java is on Maven Central; this covers what the schema uses.
 */
final class TableSchemaCheck {

    private static final Pattern YEAR = Pattern.compile("-?[0-9]{4}");
    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");
    private static final DateTimeFormatter DEFAULT_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssX");

    private final List<JsonObject> fields;
    private final Set<String> missing = new HashSet<>();

    TableSchemaCheck(JsonObject schema) {
        this.fields = schema.getJsonArray("fields").getValuesAs(JsonObject.class);
        for (JsonValue value : schema.getJsonArray("missingValues")) {
            missing.add(((JsonString) value).getString());
        }
    }

    List<String> names() {
        return fields.stream().map(f -> f.getString("name")).toList();
    }

    /** Every error found, one line each; empty when every cell fits its column. */
    List<String> errors(List<String> header, Iterable<CSVRecord> records) {
        List<String> errors = new ArrayList<>();
        if (!header.equals(names())) {
            errors.add("en-tête " + header + " au lieu de " + names());
            return errors;
        }
        List<Set<String>> seen = new ArrayList<>();
        fields.forEach(f -> seen.add(new HashSet<>()));
        for (CSVRecord record : records) {
            if (record.size() != fields.size()) {
                errors.add("ligne " + record.getRecordNumber() + " : " + record.size() + " cellules");
                continue;
            }
            for (int i = 0; i < fields.size(); i++) {
                String problem = problem(fields.get(i), record.get(i), seen.get(i));
                if (problem != null) {
                    errors.add("ligne " + record.getRecordNumber() + ", " + fields.get(i).getString("name") + " = « "
                            + record.get(i) + " » : " + problem);
                }
            }
        }
        return errors;
    }

    private String problem(JsonObject field, String cell, Set<String> seen) {
        JsonObject constraints = field.getJsonObject("constraints");
        boolean required = constraints != null && constraints.getBoolean("required", false);
        if (missing.contains(cell)) {
            return required ? "valeur obligatoire" : null;
        }
        String type = field.getString("type", "string");
        switch (type) {
            case "string" -> {
                if ("uri".equals(field.getString("format", "default")) && !cell.matches("https?://\\S+")) {
                    return "pas une adresse";
                }
            }
            case "year" -> {
                if (!YEAR.matcher(cell).matches()) {
                    return "pas une année";
                }
            }
            case "integer" -> {
                if (!INTEGER.matcher(cell).matches()) {
                    return "pas un entier";
                }
            }
            case "datetime" -> {
                try {
                    OffsetDateTime.parse(cell, DEFAULT_DATETIME);
                } catch (DateTimeParseException e) {
                    return "pas une date et heure au format par défaut (AAAA-MM-JJThh:mm:ssZ)";
                }
            }
            default -> {
                return "type non vérifié : " + type;
            }
        }
        if (constraints == null) {
            return null;
        }
        if (constraints.containsKey("pattern") && !Pattern.compile(constraints.getString("pattern")).matcher(cell).matches()) {
            return "ne suit pas le motif " + constraints.getString("pattern");
        }
        if (constraints.containsKey("enum") && constraints.getJsonArray("enum").getValuesAs(JsonString.class).stream()
                .noneMatch(v -> v.getString().equals(cell))) {
            return "hors de la liste " + constraints.getJsonArray("enum");
        }
        if (constraints.getBoolean("unique", false) && !seen.add(cell)) {
            return "valeur en double";
        }
        return null;
    }
}
