package fr.essaim.web;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import fr.essaim.review.MySheets;
import fr.essaim.security.AccountService;

/** « Mes fiches »: the signed-in person's sheets by what to do next, and their review mail settings. */
@Named
@RequestScoped
public class MySheetsView {

    /** One group of the page, with its sheets. */
    public record Section(MySheets.Group group, List<MySheets.Entry> entries) {
    }

    @Inject
    MySheets mySheets;

    @Inject
    AccountService accounts;

    private String me;
    private String email;
    private boolean reviewMails = true;
    private List<Section> sections;

    @PostConstruct
    void load() {
        me = FacesContext.getCurrentInstance().getExternalContext().getRemoteUser();
        try {
            accounts.find(me).ifPresent(account -> {
                email = account.email();
                reviewMails = account.reviewMails();
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Compte illisible : " + e.getMessage(), e);
        }
    }

    public List<Section> getSections() {
        if (sections == null) {
            Map<MySheets.Group, List<MySheets.Entry>> byGroup = mySheets.of(me).stream()
                    .collect(Collectors.groupingBy(MySheets.Entry::group));
            sections = Arrays.stream(MySheets.Group.values()).filter(byGroup::containsKey)
                    .map(group -> new Section(group, byGroup.get(group))).toList();
        }
        return sections;
    }

    public String save() throws SQLException {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            accounts.setContact(me, email, reviewMails);
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, reviewMails && email != null && !email.isBlank()
                    ? "Réglages enregistrés : vous recevrez les courriels de relecture."
                    : "Réglages enregistrés : vous ne recevrez plus de courriels de relecture.", null));
        } catch (AccountService.AccountException e) {
            faces.addMessage("courriel", new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
        }
        return null;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public boolean isReviewMails() {
        return reviewMails;
    }

    public void setReviewMails(boolean reviewMails) {
        this.reviewMails = reviewMails;
    }
}
