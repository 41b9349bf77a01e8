package fr.essaim.web;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import fr.essaim.sheet.Actor;
import fr.essaim.sheet.Revision;
import fr.essaim.sheet.RevisionDiff;
import fr.essaim.sheet.SaveResult;
import fr.essaim.sheet.SheetService;
import fr.essaim.sheet.WorkflowEvent;
import fr.essaim.sheet.SheetWorkflow;

/** The history of a sheet and the diff between two of its revisions, as far as the reader may see. */
@Named
@RequestScoped
public class RevisionsView {

    @Inject
    SheetService sheets;

    @Inject
    SheetWorkflow workflow;

    private String slug;
    private String de;
    private String a;
    private String enregistre;
    private List<Revision> revisions = List.of();
    private Revision from;
    private Revision to;
    private RevisionDiff.Result diff;
    private String message;

    public void loadHistory() throws IOException {
        revisions = slug == null ? List.of() : sheets.visibleHistory(slug, actor());
        if (revisions.isEmpty()) {
            notFound();
        }
    }

    public void loadDiff() throws IOException {
        loadHistory();
        if (revisions.isEmpty()) {
            return;
        }
        Optional<Integer> newer = number(a).or(() -> Optional.of(revisions.get(0).getNumber()));
        Optional<Integer> older = number(de).or(() -> newer.map(n -> n - 1));
        to = newer.flatMap(n -> sheets.visibleRevision(slug, n, actor())).orElse(null);
        from = older.flatMap(n -> sheets.visibleRevision(slug, n, actor())).orElse(null);
        if (to == null) {
            notFound();
            return;
        }
        diff = RevisionDiff.between(from == null ? "" : from.getSource(), to.getSource());
    }

    /** Restoring makes a new draft with the old text; the history keeps everything. */
    public String restore(int number) throws IOException {
        Actor actor = actor();
        if (actor == null || !actor.isContributor()) {
            message = "Connectez-vous pour restaurer une révision.";
            return null;
        }
        SaveResult result = workflow.restore(slug, number, actor, null);
        if (result instanceof SaveResult.Saved) {
            ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
            external.redirect(external.getRequestContextPath() + "/fiches/" + slug + "/historique?enregistre=restauree");
            return null;
        }
        message = result instanceof SaveResult.Invalid invalid ? "Restauration impossible : " + invalid.errors()
                : "Restauration impossible.";
        loadHistory();
        return null;
    }

    public List<WorkflowEvent> getTransitions() {
        List<Integer> visible = revisions.stream().map(Revision::getNumber).toList();
        return sheets.transitions(slug).stream().filter(e -> visible.contains(e.getRevisionNumber())).toList();
    }

    public String getSavedMessage() {
        if (enregistre == null) {
            return null;
        }
        return switch (enregistre) {
            case "soumise" -> "Votre texte est enregistré et soumis à relecture : un relecteur va le lire avant publication.";
            case "publiee" -> "Votre texte est publié.";
            case "restauree" -> "L'ancienne révision a été reprise dans un nouveau brouillon.";
            default -> "Votre brouillon est enregistré. Il n'est visible que de vous et des relecteurs.";
        };
    }

    public boolean isCanWrite() {
        Actor actor = actor();
        return actor != null && actor.isContributor();
    }

    private static Optional<Integer> number(String text) {
        try {
            return text == null || text.isBlank() ? Optional.empty() : Optional.of(Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.of(-1);
        }
    }

    private static void notFound() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.getExternalContext().responseSendError(404, "Fiche ou révision introuvable");
        faces.responseComplete();
    }

    private static Actor actor() {
        return CurrentActor.get();
    }

    public String getSlug() {
        return slug;
    }

    public void setSlug(String slug) {
        this.slug = slug;
    }

    public String getDe() {
        return de;
    }

    public void setDe(String de) {
        this.de = de;
    }

    public String getA() {
        return a;
    }

    public void setA(String a) {
        this.a = a;
    }

    public String getEnregistre() {
        return enregistre;
    }

    public void setEnregistre(String enregistre) {
        this.enregistre = enregistre;
    }

    public List<Revision> getRevisions() {
        return revisions;
    }

    public Revision getFrom() {
        return from;
    }

    public Revision getTo() {
        return to;
    }

    public RevisionDiff.Result getDiff() {
        return diff;
    }

    public String getMessage() {
        return message;
    }

    public String getTitle() {
        return revisions.isEmpty() ? slug : revisions.get(0).getTitle();
    }
}
