package fr.essaim.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import fr.essaim.search.InvalidSearchException;
import fr.essaim.search.SearchRequest;
import fr.essaim.search.SearchResult;
import fr.essaim.search.SearchService;
import fr.essaim.sheet.FieldDefinition;
import fr.essaim.shared.JsonFields;
import fr.essaim.sheet.KindDefinition;
import fr.essaim.sheet.Revision;
import fr.essaim.sheet.SheetService;
import fr.essaim.shared.Slugs;
import fr.essaim.territory.TerritoryCatalog;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import fr.essaim.sheet.WikiLinks;

/** The page of one published sheet. */
@Named
@RequestScoped
public class SheetView {

    @Inject
    SheetService sheets;

    @Inject
    WikiLinks wikiLinks;

    @Inject
    SearchService search;

    @Inject
    Labels labels;

    @Inject
    fr.essaim.essaimage.SheetViews views;

    private String slug;
    private Revision revision;
    private List<FieldRow> fields;
    private List<Revision> backlinks;
    private Document body;
    private JsonObject values;
    private List<SearchResult.Hit> nearby;
    private String nearbyScope;

    @Inject
    TerritoryCatalog territories;

    /** A field as the reader sees it: its French label and its values. */
    public record FieldRow(String label, List<Value> values) {
    }

    /** One value of a field; territories and themes link to their pages. */
    public record Value(String text, String href) {
    }

    /** A heading of the body, for the table of contents. */
    public record Heading(String id, String text) {
    }

    /** Sheets with a table of contents: those with at least this many sections. */
    static final int TOC_FROM = 4;
    static final int NEARBY = 4;

    public void load() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        Optional<Revision> published = Slugs.isValid(slug) ? sheets.findPublished(slug) : Optional.empty();
        if (published.isEmpty()) {
            Optional<String> target = slug == null ? Optional.empty() : wikiLinks.resolveAlias(slug);
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
        views.viewed(slug, (jakarta.servlet.http.HttpServletRequest) external.getRequest());
        backlinks = sheets.backlinks(slug);
        values = JsonFields.parse(revision.getFieldsJson());
        fields = rows(revision);
        body = Jsoup.parseBodyFragment(wikiLinks.linkedHtml(revision));
        fr.essaim.markdown.HeadingAnchors.moveToHeadings(body.body());
    }

    private List<FieldRow> rows(Revision revision) {
        KindDefinition kind = sheets.schema().kind(revision.getKind()).orElseThrow();
        List<FieldRow> rows = new ArrayList<>();
        for (FieldDefinition field : kind.fields()) {
            if (List.of("kind", "title", "summary", "aliases", "sources", "licence").contains(field.name())
                    || !values.containsKey(field.name())) {
                continue;
            }
            List<Value> shown = new ArrayList<>();
            JsonValue value = values.get(field.name());
            for (JsonValue item : value instanceof JsonArray array ? array : List.of(value)) {
                shown.add(display(field, item));
            }
            rows.add(new FieldRow(field.label(), shown));
        }
        return rows;
    }

    private Value display(FieldDefinition field, JsonValue item) {
        String raw = item instanceof JsonString s ? s.getString() : item.toString();
        return switch (field.type()) {
            case THEMES -> new Value(labels.of("theme", raw), "/themes/" + raw);
            case TERRITORIES -> new Value(labels.of("territory", raw), "/territoires/" + raw);
            case SHEETS -> new Value(sheets.findPublished(raw).map(Revision::getTitle).orElse(raw), "/fiches/" + raw);
            case ENUM, MULTI_ENUM -> new Value(field.labelOf(raw), null);
            case BOOLEAN -> new Value("true".equals(raw) ? "oui" : "non", null);
            case ACTOR -> new Value(actor((JsonObject) item), null);
            default -> new Value(raw, null);
        };
    }

    private static String actor(JsonObject actor) {
        String name = actor.getString("name", "");
        String type = actor.getString("actorType", "");
        return type.isEmpty() ? name : name + " (" + type + ")";
    }

    public String getBody() {
        return body.body().html();
    }

    /** The sections of a long sheet; none for a short one. */
    public List<Heading> getToc() {
        List<Heading> headings = body.select("h2[id]").stream().map(h -> new Heading(h.id(), h.text())).toList();
        return headings.size() >= TOC_FROM ? headings : List.of();
    }

    /** The places of the sheet, as territory keys. */
    private List<String> places() {
        if (!values.containsKey("territories")) {
            return List.of();
        }
        return values.getJsonArray("territories").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    /** Experiences of the same département, else of the same région, other than this sheet. */
    public List<SearchResult.Hit> getNearby() {
        if (nearby != null) {
            return nearby;
        }
        nearby = List.of();
        Set<String> around = new LinkedHashSet<>();
        for (String place : places()) {
            if (place.startsWith("departement:")) {
                around.add(place);
            }
            territories.ancestors(place).stream().filter(k -> k.startsWith("departement:")).forEach(around::add);
        }
        Set<String> regions = new LinkedHashSet<>();
        for (String place : places()) {
            if (place.startsWith("region:")) {
                regions.add(place);
            }
            territories.ancestors(place).stream().filter(k -> k.startsWith("region:")).forEach(regions::add);
        }
        for (Set<String> scope : List.of(around, regions)) {
            if (scope.isEmpty()) {
                continue;
            }
            try {
                List<SearchResult.Hit> found = search.search(SearchRequest.of("", Map.of("kind", List.of("experience"),
                        "territory", List.copyOf(scope)), "date", 1, NEARBY + 1)).hits().stream()
                        .filter(h -> !h.slug().equals(slug)).limit(NEARBY).toList();
                if (!found.isEmpty()) {
                    nearby = found;
                    nearbyScope = scope.stream().map(k -> labels.of("territory", k)).collect(Collectors.joining(", "));
                    return nearby;
                }
            } catch (InvalidSearchException | IOException e) {
                return nearby;
            }
        }
        return nearby;
    }

    public String getNearbyScope() {
        getNearby();
        return nearbyScope;
    }

    /** Where the page comes from in the breadcrumb: the first theme of the sheet. */
    public Value getFirstTheme() {
        if (!values.containsKey("themes") || values.getJsonArray("themes").isEmpty()) {
            return null;
        }
        String code = values.getJsonArray("themes").get(0).toString().replace("\"", "");
        return new Value(labels.of("theme", code), "/themes/" + code);
    }

    public List<Sources.Source> getSources() {
        return Sources.of(values);
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

    public List<Revision> getBacklinks() {
        return backlinks;
    }
}
