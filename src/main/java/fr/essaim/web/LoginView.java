package fr.essaim.web;

import java.io.IOException;
import java.time.Duration;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import fr.essaim.security.EssaimAuthentication;

/** The login form and the logout button. */
@Named
@RequestScoped
public class LoginView {

    @Inject
    SecurityContext security;

    private String name;
    private String password;
    private String retour;

    public String login() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        HttpServletResponse response = (HttpServletResponse) external.getResponse();
        AuthenticationStatus status = security.authenticate(request, response, AuthenticationParameters.withParams()
                .credential(new UsernamePasswordCredential(name == null ? "" : name.strip(),
                        new Password(password == null ? "" : password)))
                .newAuthentication(true));
        if (status == AuthenticationStatus.SUCCESS) {
            external.redirect(request.getContextPath() + safeTarget(retour));
            return null;
        }
        if (status == AuthenticationStatus.SEND_CONTINUE) {
            faces.responseComplete();
            return null;
        }
        Object wait = request.getAttribute(EssaimAuthentication.RETRY_AFTER);
        String message = "Identifiant ou mot de passe incorrect.";
        if (wait instanceof Duration duration) {
            long seconds = EssaimAuthentication.seconds(duration);
            response.setStatus(429);
            response.setHeader("Retry-After", String.valueOf(seconds));
            message = "Trop d'essais de mot de passe : réessayez dans " + seconds + " secondes.";
        } else {
            response.setStatus(401);
        }
        password = null;
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
        return null;
    }

    public String logout() throws ServletException, IOException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        request.logout();
        external.invalidateSession();
        external.redirect(request.getContextPath() + "/");
        return null;
    }

    /** Only an address of this site: a login link must not send people elsewhere. */
    static String safeTarget(String target) {
        if (target == null || !target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")
                || target.contains("\r") || target.contains("\n")) {
            return "/";
        }
        return target;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getRetour() {
        return retour;
    }

    public void setRetour(String retour) {
        this.retour = retour;
    }
}
