package fr.essaim.territory;

import java.util.List;

/**
 * A région, département, EPCI or commune, named by its key {@code level:code} because codes of
 * different levels overlap ("01" is Guadeloupe and Ain).
 */
public record Territory(String level, String code, String name, String departement, String region, String epci,
        long population, List<String> postcodes) {

    public static final List<String> LEVELS = List.of("region", "departement", "epci", "commune");

    public String key() {
        return key(level, code);
    }

    public static String key(String level, String code) {
        return level + ":" + code;
    }

    /** The French name of the level, for readers. */
    public String levelLabel() {
        return switch (level) {
            case "region" -> "région";
            case "departement" -> "département";
            case "epci" -> "intercommunalité";
            default -> "commune";
        };
    }
}
