package fr.essaim.web;

import java.io.IOException;

import jakarta.faces.context.FacesContext;

/** Answers a page request with one of the French error pages instead of the view. */
final class Responses {

    private Responses() {
    }

    static void notFound(String message) throws IOException {
        error(404, message);
    }

    static void error(int status, String message) throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.getExternalContext().responseSendError(status, message);
        faces.responseComplete();
    }
}
