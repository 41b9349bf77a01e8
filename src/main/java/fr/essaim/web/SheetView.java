package fr.essaim.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import fr.essaim.search.SearchResult;
import fr.essaim.search.SearchService;
import fr.essaim.sheet.FieldDefinition;
import fr.essaim.sheet.JsonFields;
import fr.essaim.sheet.KindDefinition;
import fr.essaim.sheet.Revision;
import fr.essaim.sheet.SheetService;
import fr.essaim.sheet.Slugs;
import fr.essaim.theme.ThemeService;

/** The page of one published sheet. */
@Named
@RequestScoped
public class SheetView {

    @Inject
    SheetService sheets;

    @Inject
    ThemeService themes;

    @Inject
    SearchService search;

    private String slug;
    private Revision revision;
    private List<FieldRow> fields;
    private List<Revision> backlinks;

    /** A field as the reader sees it: its French label and its values. */
    public record FieldRow(String label, List<String> values) {
    }

    public void load() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        Optional<Revision> published = Slugs.isValid(slug) ? sheets.findPublished(slug) : Optional.empty();
        if (published.isEmpty()) {
            Optional<String> target = slug == null ? Optional.empty() : sheets.resolveAlias(slug);
            if (target.isPresent()) {
                external.setResponseStatus(301);
                external.setResponseHeader("Location", external.getRequestContextPath() + "/fiches/" + target.get());
            } else {
                external.responseSendError(404, "Fiche introuvable");
            }
            faces.responseComplete();
            return;
        }
        revision = published.get();
        backlinks = sheets.backlinks(slug);
        fields = rows(revision);
    }

    private List<FieldRow> rows(Revision revision) {
        JsonObject values = JsonFields.parse(revision.getFieldsJson());
        KindDefinition kind = sheets.schema().kind(revision.getKind()).orElseThrow();
        List<FieldRow> rows = new ArrayList<>();
        for (FieldDefinition field : kind.fields()) {
            if (List.of("kind", "title", "summary", "aliases", "sources").contains(field.name())
                    || !values.containsKey(field.name())) {
                continue;
            }
            List<String> shown = new ArrayList<>();
            JsonValue value = values.get(field.name());
            for (JsonValue item : value instanceof JsonArray array ? array : List.of(value)) {
                shown.add(display(field, item));
            }
            rows.add(new FieldRow(field.label(), shown));
        }
        return rows;
    }

    private String display(FieldDefinition field, JsonValue item) {
        String raw = item instanceof JsonString s ? s.getString() : item.toString();
        return switch (field.type()) {
            case THEMES -> themes.find(Integer.parseInt(raw)).map(t -> t.getCode() + ". " + t.getLabel()).orElse(raw);
            case ENUM, MULTI_ENUM -> field.labelOf(raw);
            case BOOLEAN -> "true".equals(raw) ? "oui" : "non";
            case ACTOR -> actor((JsonObject) item);
            default -> raw;
        };
    }

    private static String actor(JsonObject actor) {
        String name = actor.getString("name", "");
        String type = actor.getString("actorType", "");
        return type.isEmpty() ? name : name + " (" + type + ")";
    }

    public List<Sources.Source> getSources() {
        return Sources.of(JsonFields.parse(revision.getFieldsJson()));
    }

    public String getSlug() {
        return slug;
    }

    public void setSlug(String slug) {
        this.slug = slug;
    }

    public Revision getRevision() {
        return revision;
    }

    public String getKindLabel() {
        return sheets.schema().kind(revision.getKind()).map(KindDefinition::label).orElse(revision.getKind());
    }

    public List<FieldRow> getFields() {
        return fields;
    }

    /** Neighbouring sheets; none while the index is being opened. */
    public List<SearchResult.Hit> getRelated() {
        try {
            return search.related(revision.getSheet().getSlug(), 5);
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The text with its wiki links resolved as the sheets stand now. */
    public String getHtml() {
        return sheets.linkedHtml(revision);
    }

    public List<Revision> getBacklinks() {
        return backlinks;
    }
}
