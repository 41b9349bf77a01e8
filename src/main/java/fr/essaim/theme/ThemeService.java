package fr.essaim.theme;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The themes as shipped with the application ({@code themes.yml}, see {@link ThemeList}), read
 * once: the one source of themes for validation, search, pages, API and imports.
 */
@ApplicationScoped
public class ThemeService {

    private final List<Theme> themes;
    private final Map<Integer, Theme> byCode = new LinkedHashMap<>();

    public ThemeService() {
        themes = ThemeList.fromClasspath().stream()
                .sorted(java.util.Comparator.comparingInt(Theme::getCode)).toList();
        themes.forEach(theme -> byCode.put(theme.getCode(), theme));
    }

    /** Every theme, in code order. */
    public List<Theme> all() {
        return themes;
    }

    public Optional<Theme> find(int code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /** The label of each theme, by code. */
    public Map<Integer, String> labels() {
        Map<Integer, String> labels = new LinkedHashMap<>();
        themes.forEach(theme -> labels.put(theme.getCode(), theme.getLabel()));
        return labels;
    }
}
