package fr.essaim.web;

import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import fr.essaim.sheet.Revision;
import fr.essaim.sheet.SheetService;

/** The home page: the published sheets. */
@Named
@RequestScoped
public class HomeView {

    @Inject
    SheetService sheets;

    private List<Revision> published;

    public List<Revision> getPublished() {
        if (published == null) {
            published = sheets.listPublished();
        }
        return published;
    }

    public String kindLabel(String kind) {
        return sheets.schema().kind(kind).map(k -> k.label()).orElse(kind);
    }
}
