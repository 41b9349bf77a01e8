package fr.essaim.sheet;

import java.util.Map;

/**
 * One front-matter field of a kind of sheet.
 *
 * @param values allowed values mapped to their French labels (enums only, in schema order)
 */
public record FieldDefinition(String name, String label, FieldType type, boolean required,
        Map<String, String> values) {

    public String labelOf(String value) {
        return values.getOrDefault(value, value);
    }
}
