package fr.essaim.sheet;

import java.util.Locale;

/** The types a front-matter field can have, as named in {@code schema.yml}. */
public enum FieldType {
    TEXT, MARKDOWN, ENUM, MULTI_ENUM, LIST, TERRITORIES, THEMES, YEAR, URL, ACTOR, SOURCES, SHEETS, BOOLEAN;

    public static FieldType fromSchemaName(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    public boolean isList() {
        return switch (this) {
            case MULTI_ENUM, LIST, TERRITORIES, THEMES, SOURCES, SHEETS -> true;
            default -> false;
        };
    }
}
