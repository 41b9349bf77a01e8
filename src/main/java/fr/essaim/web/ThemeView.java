package fr.essaim.web;

import java.io.IOException;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import fr.essaim.theme.Theme;
import fr.essaim.theme.ThemeService;

/** The page of one theme: its description and its sheets, with the facet panel. */
@Named
@RequestScoped
public class ThemeView {

    @Inject
    ThemeService themes;

    @Inject
    SearchView searchView;

    private String code;
    private Theme theme;

    public void load() throws IOException {
        Optional<Theme> found = code != null && code.matches("[0-9]{1,3}") ? themes.find(Integer.parseInt(code)) : Optional.empty();
        if (found.isEmpty()) {
            Responses.notFound("Thème introuvable");
            return;
        }
        theme = found.get();
        searchView.imply("/themes/" + theme.getCode(), "theme", String.valueOf(theme.getCode()));
        searchView.load();
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }

    public Theme getTheme() {
        return theme;
    }

    /** The examples of services of the theme, one per item. */
    public java.util.List<String> getExamples() {
        return theme.getExamples() == null ? java.util.List.of() : java.util.List.of(theme.getExamples().split(" ; "));
    }
}
