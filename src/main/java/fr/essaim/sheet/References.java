package fr.essaim.sheet;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import fr.essaim.territory.TerritoryCatalog;
import fr.essaim.theme.Theme;
import fr.essaim.theme.ThemeList;

/** Theme codes and territory keys that sheets may use. */
@ApplicationScoped
public class References implements ReferenceData {

    private Set<Integer> themeCodes;

    @Inject
    TerritoryCatalog territories;

    @Override
    public boolean isTheme(int code) {
        if (themeCodes == null) {
            themeCodes = ThemeList.fromClasspath().stream().map(Theme::getCode).collect(Collectors.toUnmodifiableSet());
        }
        return themeCodes.contains(code);
    }

    @Override
    public boolean isTerritory(String key) {
        return territories.contains(key);
    }
}
