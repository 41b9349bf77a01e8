package fr.essaim.territory;

import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

/** Territory keys known to Essaim. */
@ApplicationScoped
public class TerritoryCatalog {

    private static final Pattern KEY = Pattern.compile("(region|departement|epci|commune):[0-9AB]{2,9}");

    public boolean contains(String key) {
        return KEY.matcher(key).matches();
    }
}
