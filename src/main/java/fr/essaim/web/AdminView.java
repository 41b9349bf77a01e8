package fr.essaim.web;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import fr.essaim.review.RecentEdits;
import fr.essaim.security.AccountService;
import fr.essaim.security.Roles;
import fr.essaim.security.TokenService;
import fr.essaim.sheet.Revision;
import fr.essaim.sheet.SheetService;

/** The administration page: accounts and roles, tokens, and the dashboard. Import, export and reindex run through the API. */
@Named
@RequestScoped
public class AdminView {

    @Inject
    AccountService accounts;

    @Inject
    TokenService tokens;

    @Inject
    SheetService sheets;

    @Inject
    RecentEdits recentEdits;

    private String name;
    private String password;
    private String email;
    private List<String> roles = new ArrayList<>(List.of(Roles.CONTRIBUTOR));
    private String newToken;

    public List<AccountService.Account> getAccounts() throws SQLException {
        return accounts.list();
    }

    public List<TokenService.Token> getTokens() throws SQLException {
        return tokens.list(null);
    }

    public List<String> getAllRoles() {
        return Roles.ALL;
    }

    public List<Object[]> getCounts() {
        return sheets.countByKindAndState();
    }

    public List<Revision> getQueue() {
        return sheets.reviewQueue();
    }

    public List<Revision> getLatest() {
        return recentEdits.latest(10);
    }

    public String create() throws SQLException {
        try {
            String address = email == null || email.isBlank() ? null : email;
            if (address != null && fr.essaim.mail.EmailAddresses.normalize(address).isEmpty()) {
                throw new AccountService.AccountException(fr.essaim.mail.EmailAddresses.invalid(address));
            }
            AccountService.Account created = accounts.register(name == null ? null : name.strip(),
                    password == null ? new char[0] : password.toCharArray(), roles);
            if (address != null) {
                accounts.setContact(created.name(), address, true);
            }
            info("Compte « " + name + " » créé.");
            name = null;
            email = null;
        } catch (AccountService.AccountException e) {
            error(e.getMessage());
        }
        password = null;
        return null;
    }

    public String toggleRole(String account, String role) throws SQLException {
        try {
            AccountService.Account current = accounts.find(account).orElseThrow();
            List<String> changed = new ArrayList<>(current.roles());
            if (!changed.remove(role)) {
                changed.add(role);
            }
            accounts.update(account, changed, null, null);
            info("Rôles de « " + account + " » : " + (changed.isEmpty() ? "aucun"
                    : String.join(", ", Roles.ALL.stream().filter(changed::contains).map(AdminView::roleLabel).toList())) + ".");
        } catch (AccountService.AccountException e) {
            error(e.getMessage());
        }
        return null;
    }

    public String toggleDisabled(String account) throws SQLException {
        try {
            AccountService.Account current = accounts.find(account).orElseThrow();
            accounts.update(account, null, !current.disabled(), null);
            info("Compte « " + account + " » " + (current.disabled() ? "réactivé." : "désactivé."));
        } catch (AccountService.AccountException e) {
            error(e.getMessage());
        }
        return null;
    }

    public String createToken() throws SQLException {
        String owner = FacesContext.getCurrentInstance().getExternalContext().getRemoteUser();
        newToken = tokens.create(owner, "créé depuis l'administration").value();
        return null;
    }

    public String revoke(long id) throws SQLException {
        tokens.revoke(id);
        info("Jeton " + id + " révoqué.");
        return null;
    }

    /** "editor" → "relecteur", from the pages' bundle. */
    private static String roleLabel(String role) {
        FacesContext faces = FacesContext.getCurrentInstance();
        return faces.getApplication().getResourceBundle(faces, "msg").getString("role." + role);
    }

    private static void info(String message) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, message, null));
    }

    private static void error(String message) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
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

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public List<String> getRoles() {
        return roles;
    }

    public void setRoles(List<String> roles) {
        this.roles = roles;
    }

    public String getNewToken() {
        return newToken;
    }
}
