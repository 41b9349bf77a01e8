package fr.essaim.web;

import java.io.IOException;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import fr.essaim.sheet.Actor;
import fr.essaim.sheet.Revision;
import fr.essaim.sheet.RevisionDiff;
import fr.essaim.sheet.SaveResult;
import fr.essaim.sheet.Sheet;
import fr.essaim.sheet.SheetService;
import fr.essaim.sheet.SheetWorkflow;
import fr.essaim.sheet.WikiLinks;

/** The editors' review queue: each proposal with its diff against the published text, to publish or refuse. */
@Named
// Kept in the encrypted view state, not in a node's memory: any node takes the next request.
@org.omnifaces.cdi.ViewScoped(saveInViewState = true)
public class ReviewView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    SheetService sheets;

    @Inject
    SheetWorkflow workflow;

    @Inject
    WikiLinks wikiLinks;

    private String fiche;
    private String fait;
    private String comment;
    private String error;

    public List<Revision> getQueue() {
        return sheets.reviewQueue();
    }

    /** The proposal under review, if one is chosen and still open. */
    public Revision getPending() {
        if (fiche == null) {
            return null;
        }
        return sheets.find(fiche).map(Sheet::getPendingRevision).filter(r -> r.getReviewState().isOpen()).orElse(null);
    }

    public Revision getPublished() {
        return fiche == null ? null : sheets.findPublished(fiche).orElse(null);
    }

    public RevisionDiff.Result getDiff() {
        Revision pending = getPending();
        Revision published = getPublished();
        return pending == null ? null : RevisionDiff.between(published == null ? "" : published.getSource(), pending.getSource());
    }

    public String getPreview() {
        Revision pending = getPending();
        // The empty anchor links of the headings have no name for screen readers: the heading takes their id.
        return pending == null ? "" : fr.essaim.markdown.HeadingAnchors.moveToHeadings(wikiLinks.linkedHtml(pending));
    }

    public String publish() throws IOException {
        return done(workflow.publish(fiche, actor(), comment), "publiee");
    }

    public String reject() throws IOException {
        return done(workflow.reject(fiche, actor(), comment), "refusee");
    }

    private String done(SaveResult result, String what) throws IOException {
        if (result instanceof SaveResult.Saved) {
            ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
            external.redirect(external.getRequestContextPath() + "/relecture?fait=" + what + "&fiche="
                    + URLEncoder.encode(fiche, StandardCharsets.UTF_8));
            return null;
        }
        error = result instanceof SaveResult.Invalid invalid ? invalid.errors().get(0).message()
                : result instanceof SaveResult.Forbidden forbidden ? forbidden.message()
                : result instanceof SaveResult.Refused refused ? refused.message()
                : "Cette fiche n'existe plus.";
        return null;
    }

    public String getDoneMessage() {
        if (fait == null) {
            return null;
        }
        return "publiee".equals(fait) ? "La fiche « " + fiche + " » est publiée."
                : "La proposition sur « " + fiche + " » est refusée ; son auteur le voit dans « Mes fiches » et par courriel s'il les reçoit.";
    }

    private static Actor actor() {
        return CurrentActor.get();
    }

    public String getFiche() {
        return fiche;
    }

    public void setFiche(String fiche) {
        this.fiche = fiche;
    }

    public String getFait() {
        return fait;
    }

    public void setFait(String fait) {
        this.fait = fait;
    }

    public String getComment() {
        return comment;
    }

    public void setComment(String comment) {
        this.comment = comment;
    }

    public String getError() {
        return error;
    }
}
