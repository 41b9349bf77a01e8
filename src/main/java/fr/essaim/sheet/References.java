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
    private TerritoryCatalog territories;

    protected References() {
        // for the container's proxy
    }

    @Inject
    public References(TerritoryCatalog territories) {
        this.territories = territories;
        this.themeCodes = ThemeList.fromClasspath().stream().map(Theme::getCode).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public boolean isTheme(int code) {
        return themeCodes.contains(code);
    }

    @Override
    public boolean isTerritory(String key) {
        return territories.contains(key);
    }
}
