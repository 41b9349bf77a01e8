package fr.essaim.web;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.model.SelectItem;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import fr.essaim.markdown.InvalidSourceException;
import fr.essaim.markdown.SheetSource;
import fr.essaim.sheet.Actor;
import fr.essaim.sheet.FieldDefinition;
import fr.essaim.sheet.FieldError;
import fr.essaim.sheet.KindDefinition;
import fr.essaim.sheet.Revision;
import fr.essaim.sheet.RevisionDiff;
import fr.essaim.sheet.SaveResult;
import fr.essaim.sheet.SheetService;
import fr.essaim.sheet.SourceComposer;
import fr.essaim.sheet.TextMerge;
import fr.essaim.territory.TerritoryCatalog;
import fr.essaim.theme.ThemeService;
import fr.essaim.sheet.SheetWorkflow;
import fr.essaim.sheet.SheetWorkflow.Then;
import fr.essaim.sheet.WikiLinks;

/**
 * The form to write a sheet, generated from the kind's schema: new ({@code /fiches/nouvelle}) or
 * a change ({@code /fiches/{slug}/modifier}) on a base revision. A refused form keeps everything;
 * a save on a stale base shows the other person's change and offers a merge.
 */
@Named
// Kept in the encrypted view state, not in a node's memory: any node takes the next request.
@org.omnifaces.cdi.ViewScoped(saveInViewState = true)
public class SheetEditorView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    SheetService sheets;

    @Inject
    SheetWorkflow workflow;

    @Inject
    WikiLinks wikiLinks;

    @Inject
    ThemeService themes;

    @Inject
    TerritoryCatalog territories;

    @Inject
    fr.essaim.essaimage.TakeUpForm takeUpForm;

    private String slug;
    private String titre;
    private String reprise;
    private String takenUp;
    private String kind = "experience";
    private int baseRevision;
    private String baseSource;
    private List<FieldInput> inputs = new ArrayList<>();
    private String body = "";
    private String comment;
    private final List<String> errors = new ArrayList<>();
    private String bodyError;
    private String commentError;
    private Conflict conflict;
    private boolean loaded;

    /** What the other person saved meanwhile, and what can be done with it. */
    public record Conflict(int currentRevision, String author, String theirs, String mine, String merged,
            RevisionDiff.Result diff) implements Serializable {
    }

    public void load() throws IOException {
        if (loaded) {
            return;
        }
        loaded = true;
        Map<String, Object> values = new LinkedHashMap<>();
        if (slug != null && !slug.isBlank()) {
            Optional<Revision> latest = sheets.find(slug).flatMap(s -> sheets.findRevision(slug, s.getLatestRevision()))
                    .filter(r -> actor().canSee(r));
            Optional<Revision> shown = latest.or(() -> sheets.findPublished(slug));
            if (shown.isEmpty()) {
                FacesContext.getCurrentInstance().getExternalContext().responseSendError(404, "Fiche introuvable");
                FacesContext.getCurrentInstance().responseComplete();
                return;
            }
            baseRevision = sheets.find(slug).orElseThrow().getLatestRevision();
            baseSource = sheets.findRevision(slug, baseRevision).map(Revision::getSource).orElse(shown.get().getSource());
            try {
                SheetSource source = SheetSource.parse(shown.get().getSource());
                values.putAll(source.frontMatter());
                body = source.body();
            } catch (InvalidSourceException e) {
                body = shown.get().getSource();
            }
            kind = String.valueOf(values.getOrDefault("kind", kind));
        } else if (reprise != null) {
            Optional<fr.essaim.essaimage.TakeUpForm.Start> start = takeUpForm.start(reprise);
            if (start.isEmpty()) {
                FacesContext.getCurrentInstance().getExternalContext().responseSendError(404, "Fiche introuvable");
                FacesContext.getCurrentInstance().responseComplete();
                return;
            }
            values.putAll(start.get().values());
            body = start.get().body();
            takenUp = start.get().takenUp();
        } else if (titre != null) {
            values.put("title", titre.strip());
        }
        buildInputs(values);
    }

    private void buildInputs(Map<String, Object> values) {
        KindDefinition definition = sheets.schema().kind(kind).orElseGet(() -> sheets.schema().kind("experience").orElseThrow());
        kind = definition.name();
        List<FieldInput> built = new ArrayList<>();
        for (FieldDefinition field : definition.fields()) {
            if (!field.name().equals("kind")) {
                built.add(FieldInput.of(field, values.get(field.name())));
            }
        }
        inputs = built;
    }

    /** Another kind: the fields change, whatever was typed in fields both kinds share stays. */
    public void changeKind() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (FieldInput input : inputs) {
            Object value = input.value();
            if (value != null) {
                values.put(input.getName(), value);
            }
        }
        buildInputs(values);
    }

    public void addSource() {
        inputs.stream().filter(i -> i.getType().equals("SOURCES")).forEach(i -> i.getSources().add(new FieldInput.SourceRow()));
    }

    public void removeSource(FieldInput input, int index) {
        if (index >= 0 && index < input.getSources().size()) {
            input.getSources().remove(index);
        }
    }

    public String saveDraft() throws IOException {
        return save(Then.DRAFT);
    }

    public String saveAndSubmit() throws IOException {
        return save(Then.SUBMIT);
    }

    public String saveAndPublish() throws IOException {
        return save(Then.PUBLISH);
    }

    /** Saves the merged text the conflict view offered, on the revision that won. */
    public String saveMerged() throws IOException {
        if (conflict == null || conflict.merged() == null) {
            return null;
        }
        SaveResult result = workflow.save(slug, conflict.currentRevision(), conflict.merged(), actor(), comment);
        return after(result, Then.DRAFT);
    }

    /** Keeps the user's text and takes the winning revision as the new base: the next save replaces it knowingly. */
    public void rebase() {
        if (conflict != null) {
            baseRevision = conflict.currentRevision();
            baseSource = conflict.theirs();
            conflict = null;
        }
    }

    /** Saves the text and takes the next step, in one transaction: if the step is refused, nothing is stored. */
    private String save(Then step) throws IOException {
        errors.clear();
        bodyError = null;
        commentError = null;
        inputs.forEach(i -> i.setError(null));
        conflict = null;
        String source = composeSource();
        SaveResult result = slug == null || slug.isBlank()
                ? workflow.create(source, actor(), comment, step)
                : workflow.save(slug, baseRevision, source, actor(), comment, step);
        return after(result, step);
    }

    private String after(SaveResult result, Then step) throws IOException {
        if (result instanceof SaveResult.Saved saved) {
            String note = switch (step) {
                case SUBMIT -> "soumise";
                case PUBLISH -> "publiee";
                case DRAFT -> "brouillon";
            };
            ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
            external.redirect(external.getRequestContextPath() + "/fiches/" + saved.slug() + "/historique?enregistre=" + note);
            return null;
        }
        if (result instanceof SaveResult.Invalid invalid) {
            for (FieldError error : invalid.errors()) {
                Optional<FieldInput> input = inputs.stream().filter(i -> error.field().equals(i.getName())
                        || error.field().startsWith(i.getName() + ".") || error.field().startsWith(i.getName() + "[")).findFirst();
                if (input.isPresent()) {
                    input.get().setError(input.get().getError() == null ? error.message()
                            : input.get().getError() + " ; " + error.message());
                } else if (error.field().equals("source") || error.field().equals("body")) {
                    bodyError = error.message();
                } else if (error.field().equals("comment")) {
                    commentError = error.message();
                } else {
                    errors.add(error.toString());
                }
            }
            errors.add(0, "La fiche n'a pas été enregistrée : corrigez les champs signalés.");
        } else if (result instanceof SaveResult.Conflict stale) {
            String mine = composeSource();
            Revision current = sheets.findRevision(slug, stale.currentRevision()).orElseThrow();
            String merged = TextMerge.merge(baseSource, current.getSource(), mine).orElse(null);
            conflict = new Conflict(stale.currentRevision(), current.getAuthor(), current.getSource(), mine, merged,
                    RevisionDiff.between(baseSource, current.getSource()));
            errors.add("« " + current.getAuthor() + " » a enregistré la révision " + stale.currentRevision()
                    + " pendant que vous écriviez. Votre texte n'est pas perdu : il est toujours dans le formulaire.");
        } else if (result instanceof SaveResult.Forbidden forbidden) {
            errors.add(forbidden.message());
        } else if (result instanceof SaveResult.Refused refused) {
            errors.add(refused.message());
        } else {
            errors.add("Cette fiche n'existe plus.");
        }
        return null;
    }

    private String composeSource() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("kind", kind);
        for (FieldInput input : inputs) {
            fields.put(input.getName(), input.value());
        }
        return SourceComposer.compose(fields, body);
    }

    private static Actor actor() {
        return CurrentActor.get();
    }

    // ----- choices for the form

    public List<SelectItem> getKinds() {
        return sheets.schema().kinds().stream().map(k -> new SelectItem(k.name(), k.label())).toList();
    }

    /** The 18 themes as checkboxes, numbered as on the home page. */
    public List<SelectItem> getThemes() {
        return themes.all().stream().map(t -> new SelectItem(String.valueOf(t.getCode()),
                "<span class=\"tile-code\">" + t.getCode() + "</span> " + org.jsoup.nodes.Entities.escape(t.getLabel()),
                null, false, false)).toList();
    }

    /** The sections the schema recommends for the kind being written, for the toolbar's « plan recommandé ». */
    public String getPlan() {
        return sheets.schema().kind(kind).map(k -> String.join("|", k.sections())).orElse("");
    }

    /** Where the browser keeps what is typed before it is saved: one place per person and per sheet. */
    public String getDraftKey() {
        Actor actor = actor();
        return "essaim.brouillon." + (actor == null ? "" : actor.name()) + "." + (isNew() ? "nouvelle" : slug);
    }

    /** The name shown for a territory key in the chosen list. */
    public String territoryName(String key) {
        return territories.find(key).map(t -> t.name() + " (" + t.levelLabel() + ")").orElse(key);
    }

    public boolean isNew() {
        return slug == null || slug.isBlank();
    }

    // ----- properties

    public String getSlug() {
        return slug;
    }

    public void setSlug(String slug) {
        this.slug = slug;
    }

    public String getTitre() {
        return titre;
    }

    public void setTitre(String titre) {
        this.titre = titre;
    }

    public String getReprise() {
        return reprise;
    }

    public void setReprise(String reprise) {
        this.reprise = reprise;
    }

    /** The title of the experience this new sheet takes up, if it is a take-up. */
    public String getTakenUp() {
        return takenUp;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public int getBaseRevision() {
        return baseRevision;
    }

    public List<FieldInput> getInputs() {
        return inputs;
    }

    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body == null ? "" : body;
    }

    public String getComment() {
        return comment;
    }

    public void setComment(String comment) {
        this.comment = comment;
    }

    /** The text as it will read, rendered with every page; the script of the page keeps it current while one types. */
    public String getPreview() {
        return wikiLinks.preview(body);
    }

    public List<String> getErrors() {
        return errors;
    }

    public String getBodyError() {
        return bodyError;
    }

    public String getCommentError() {
        return commentError;
    }

    public Conflict getConflict() {
        return conflict;
    }
}
