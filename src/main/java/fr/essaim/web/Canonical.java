package fr.essaim.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

/** Absolute addresses of pages, for canonical links and OpenGraph. */
@Named
@RequestScoped
public class Canonical {

    @jakarta.inject.Inject
    fr.essaim.security.PublicUrl publicUrl;

    /** "/fiches/x" → "https://essaim.example.fr/fiches/x", from ESSAIM_PUBLIC_URL, never the request's Host. */
    public String url(String path) {
        HttpServletRequest request = (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
        return publicUrl.origin(request) + path;
    }
}
