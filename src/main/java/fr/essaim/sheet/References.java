package fr.essaim.sheet;


import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import fr.essaim.territory.TerritoryCatalog;
import fr.essaim.theme.ThemeService;

/** Theme codes and territory keys that sheets may use. */
@ApplicationScoped
public class References implements ReferenceData {

    private ThemeService themes;
    private TerritoryCatalog territories;

    protected References() {
        // for the container's proxy
    }

    @Inject
    public References(TerritoryCatalog territories, ThemeService themes) {
        this.territories = territories;
        this.themes = themes;
    }

    @Override
    public boolean isTheme(int code) {
        return themes.find(code).isPresent();
    }

    @Override
    public boolean isTerritory(String key) {
        return territories.contains(key);
    }
}
