package fr.essaim.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

/** Absolute addresses of pages, for canonical links and OpenGraph. */
@Named
@RequestScoped
public class Canonical {

    /** "/fiches/x" → "https://host/fiches/x", from the address the visitor used. */
    public String url(String path) {
        HttpServletRequest request = (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
        StringBuilder url = new StringBuilder().append(request.getScheme()).append("://").append(request.getServerName());
        int port = request.getServerPort();
        if (!(port == 80 && "http".equals(request.getScheme())) && !(port == 443 && "https".equals(request.getScheme()))) {
            url.append(':').append(port);
        }
        return url.append(request.getContextPath()).append(path).toString();
    }
}
