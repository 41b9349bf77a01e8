package fr.essaim.sheet;

import java.util.List;
import java.util.Optional;

/** A kind of sheet with all its fields, the common ones first. */
public record KindDefinition(String name, String label, List<String> sections, List<FieldDefinition> fields) {

    public Optional<FieldDefinition> field(String fieldName) {
        return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
    }
}
