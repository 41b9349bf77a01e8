package fr.essaim.partner;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import fr.essaim.markdown.MarkdownRenderer;
import fr.essaim.opendata.OpenDataSettings;
import fr.essaim.search.SearchRequest;
import fr.essaim.shared.JsonFields;
import fr.essaim.sheet.Revision;
import fr.essaim.sheet.SheetService;
import fr.essaim.territory.TerritoryCatalog;
import fr.essaim.theme.ThemeService;

/**
 * What pages announce to feed readers, browsers and search engines: the Atom feed of what the page lists
 * (search, theme, territory) and the schema.org description of a sheet.
 */
@Named
@RequestScoped
public class PartnerLinks {

    private static final Jsonb JSONB = JsonbBuilder.create();

    private static final String FEED = "/feeds/fiches.atom";

    @Inject
    HttpServletRequest request;

    @Inject
    SheetService sheets;

    @Inject
    ThemeService themes;

    @Inject
    TerritoryCatalog territories;

    @Inject
    OpenDataSettings openData;

    /** The address the visitor asked for, before it was forwarded to its view. */
    private String path() {
        Object forwarded = request.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI);
        String uri = forwarded != null ? forwarded.toString() : request.getRequestURI();
        return uri.substring(request.getContextPath().length());
    }

    /** The feed of the sheets the current page lists: the same filters for a search, a theme or a territory. */
    public String getFeed() {
        String path = path();
        String query = "";
        if (path.startsWith("/themes/")) {
            query = "theme=" + encode(path.substring("/themes/".length()));
        } else if (path.startsWith("/territoires/")) {
            query = "territory=" + encode(path.substring("/territoires/".length()));
        } else if (path.equals("/recherche")) {
            StringBuilder kept = new StringBuilder();
            for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
                if (parameter.getKey().equals("q") || SearchRequest.FILTERS.contains(parameter.getKey())) {
                    for (String value : parameter.getValue()) {
                        if (!value.isBlank()) {
                            kept.append(kept.isEmpty() ? "" : "&").append(encode(parameter.getKey())).append('=').append(encode(value));
                        }
                    }
                }
            }
            query = kept.toString();
        }
        return request.getContextPath() + FEED + (query.isEmpty() ? "" : "?" + query);
    }

    public String getFeedTitle() {
        return getFeed().contains("?") ? "Essaim — les fiches de cette page (Atom)" : "Essaim — dernières fiches publiées (Atom)";
    }

    /** schema.org JSON-LD of a published sheet, safe to place inside a script element. */
    public String sheetJsonLd(Revision revision) {
        if (revision == null) {
            return "";
        }
        String origin = PartnerAnswers.origin(request);
        String url = origin + MarkdownRenderer.SHEET_PATH + revision.getSheet().getSlug();
        JsonObject fields = JsonFields.parse(revision.getFieldsJson());
        List<Term> about = new ArrayList<>();
        for (String code : strings(fields, "themes")) {
            if (code.matches("[0-9]{1,3}")) {
                themes.find(Integer.parseInt(code)).ifPresent(t -> about.add(new Term("DefinedTerm", t.getLabel(), code,
                        "Bouquets de services (ADRETS)")));
            }
        }
        List<Area> places = new ArrayList<>();
        for (String key : strings(fields, "territories")) {
            territories.name(key).ifPresent(name -> places.add(new Area("AdministrativeArea", name, key)));
        }
        Article article = new Article("https://schema.org", "Article", url, url, revision.getTitle(), revision.getTitle(),
                revision.getSummary() == null ? "" : revision.getSummary(),
                sheets.schema().kind(revision.getKind()).map(k -> k.label()).orElse(revision.getKind()), "fr",
                revision.getCreatedAt().toString(), revision.getSheet().getCreatedAt().toString(), revision.getNumber(),
                openData.licenceOf(fields).getUrl(), about, places, new Site("WebSite", "Essaim", origin + "/"), new Site("Organization", "Essaim", null));
        // "<" escaped so that no text of the sheet can close the script element.
        return JSONB.toJson(article).replace("<", "\\u003c");
    }

    /** A sheet as schema.org reads it. */
    @JsonbPropertyOrder({"context", "type", "id", "url", "headline", "name", "description", "genre", "inLanguage",
        "dateModified", "dateCreated", "version", "about", "spatialCoverage", "isPartOf", "publisher"})
    public record Article(@JsonbProperty("@context") String context, @JsonbProperty("@type") String type,
            @JsonbProperty("@id") String id, String url, String headline, String name, String description, String genre,
            String inLanguage, String dateModified, String dateCreated, int version, String license, List<Term> about,
            List<Area> spatialCoverage, Site isPartOf, Site publisher) {
    }

    @JsonbPropertyOrder({"type", "name", "termCode", "inDefinedTermSet"})
    public record Term(@JsonbProperty("@type") String type, String name, String termCode, String inDefinedTermSet) {
    }

    @JsonbPropertyOrder({"type", "name", "identifier"})
    public record Area(@JsonbProperty("@type") String type, String name, String identifier) {
    }

    @JsonbPropertyOrder({"type", "name", "url"})
    public record Site(@JsonbProperty("@type") String type, String name, String url) {
    }

    private static List<String> strings(JsonObject fields, String name) {
        JsonValue value = fields.get(name);
        if (value == null || value.getValueType() != JsonValue.ValueType.ARRAY) {
            return List.of();
        }
        return value.asJsonArray().stream().map(v -> v.getValueType() == JsonValue.ValueType.STRING
                ? ((jakarta.json.JsonString) v).getString() : v.toString()).toList();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
