package fr.essaim.partner;

import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

import fr.essaim.theme.Theme;
import fr.essaim.theme.ThemeService;

/** The partner page: the themes a partner can preset in the configurator. */
@Named
@RequestScoped
public class PartnerView {

    @Inject
    ThemeService themes;

    @Inject
    HttpServletRequest request;

    /** Where partners load the widget from: this very server. */
    public String getOrigin() {
        return PartnerAnswers.origin(request);
    }

    public List<Theme> getThemes() {
        return themes.all();
    }
}
