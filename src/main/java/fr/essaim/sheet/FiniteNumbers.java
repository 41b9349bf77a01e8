package fr.essaim.sheet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** YAML reads {@code .nan} and {@code .inf} as numbers, which no field can hold: each one named, in French. */
final class FiniteNumbers {

    private FiniteNumbers() {
    }

    static List<FieldError> errors(Map<String, Object> fields) {
        List<FieldError> errors = new ArrayList<>();
        fields.forEach((name, value) -> check(name, value, errors));
        return errors;
    }

    private static void check(String path, Object value, List<FieldError> errors) {
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (Double.isNaN(number)) {
                errors.add(new FieldError(path, "« .nan » (pas un nombre) n'est pas une valeur possible : "
                        + "écrivez un nombre, ou le texte entre guillemets"));
            } else if (Double.isInfinite(number)) {
                errors.add(new FieldError(path, "« .inf » (l'infini) n'est pas une valeur possible : "
                        + "écrivez un nombre, ou le texte entre guillemets"));
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> check(path + "." + key, item, errors));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                check(path + "[" + (i + 1) + "]", list.get(i), errors);
            }
        }
    }
}
