package fr.essaim.sheet;

/** The reference tables a sheet's fields point into. */
public interface ReferenceData {

    boolean isTheme(int code);

    /** @param key a territory key {@code level:code}, e.g. {@code departement:05} */
    boolean isTerritory(String key);
}
