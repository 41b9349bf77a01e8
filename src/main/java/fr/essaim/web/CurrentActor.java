package fr.essaim.web;

import jakarta.faces.context.FacesContext;
import jakarta.servlet.http.HttpServletRequest;

import fr.essaim.security.Callers;
import fr.essaim.sheet.Actor;

/** The logged-in person of the current page request, as the services know them; null when anonymous. */
final class CurrentActor {

    private CurrentActor() {
    }

    static Actor get() {
        HttpServletRequest request = (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
        return Callers.actor(request.getUserPrincipal(), request::isUserInRole);
    }
}
