package fr.essaim.sheet;

import java.util.List;
import java.util.stream.Collectors;

/** A sheet refused by the schema, with one message per faulty field. */
public class InvalidSheetException extends Exception {

    private final List<FieldError> errors;

    public InvalidSheetException(List<FieldError> errors) {
        super(errors.stream().map(FieldError::toString).collect(Collectors.joining(" ; ")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
