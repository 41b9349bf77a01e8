package fr.essaim.theme;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import fr.essaim.shared.Yaml;

/** The theme list as written in {@code themes.yml}. */
final class ThemeList {

    static final String RESOURCE = "essaim/themes.yml";

    private ThemeList() {
    }

    static List<Theme> fromClasspath() {
        try (InputStream in = ThemeList.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("liste des thèmes introuvable : " + RESOURCE);
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Theme> read(InputStream yaml) {
        List<Map<String, Object>> entries = Yaml.parser().load(yaml);
        List<Theme> themes = new ArrayList<>();
        for (Map<String, Object> entry : entries) {
            Object examples = entry.get("examples");
            String joined = examples instanceof List<?> list
                    ? String.join(" ; ", list.stream().map(String::valueOf).toList())
                    : examples == null ? null : String.valueOf(examples);
            themes.add(new Theme((Integer) entry.get("code"), String.valueOf(entry.get("label")),
                    (String) entry.get("description"), joined));
        }
        return themes;
    }
}
