package fr.essaim.sheet;

/** Why one field of a sheet is refused, in French, for the author. */
public record FieldError(String field, String message) {

    @Override
    public String toString() {
        return field + " : " + message;
    }
}
