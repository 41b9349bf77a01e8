package fr.essaim.opendata;

import static fr.essaim.shared.JsonFields.strings;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import fr.essaim.sheet.FieldDefinition;
import fr.essaim.shared.JsonFields;
import fr.essaim.sheet.KindDefinition;
import fr.essaim.sheet.SheetSchema;
import fr.essaim.territory.Territory;
import fr.essaim.territory.TerritoryCatalog;

/**
 * The columns of the CSV of sheets, each with the Table Schema that describes it: one list drives
 * both the file and {@code /donnees/schema.json}, so they cannot drift apart.
 */
final class SheetTable {

    /** Several values in one cell (themes, territories) are separated by this. */
    static final String SEPARATOR = ";";
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");
    private static final String YEAR = "year";
    private static final String STRING = "string";
    private static final String KEY = "(region|departement|epci|commune):[0-9AB]{2,9}";

    /** One column: its Table Schema description and how a row fills it. */
    record Column(String name, String title, String type, String description, JsonObject constraints,
            BiFunction<SheetTable, SheetRow, String> value) {
    }

    private final List<Column> columns;
    private final Map<Integer, String> themeLabels;
    private final TerritoryCatalog territories;
    private final OpenDataSettings settings;
    private final String origin;

    SheetTable(SheetSchema schema, Map<Integer, String> themeLabels, TerritoryCatalog territories, OpenDataSettings settings,
            String origin) {
        this.themeLabels = themeLabels;
        this.territories = territories;
        this.settings = settings;
        this.origin = origin;
        this.columns = columns(schema);
    }

    private static List<Column> columns(SheetSchema schema) {
        List<Column> all = new ArrayList<>();
        all.add(new Column("slug", "Identifiant", STRING, "Identifiant stable de la fiche, dans son adresse",
                constraints(true, "[a-z0-9]+(-[a-z0-9]+)*", null).add("unique", true).build(), (t, r) -> r.slug()));
        all.add(new Column("url", "Adresse", STRING, "Adresse de la page de la fiche",
                constraints(true, null, null).build(), (t, r) -> t.origin + "/fiches/" + r.slug()));
        all.add(new Column("kind", "Type de fiche", STRING, "experience (fiche expérience), vademecum, innovation (carte "
                + "innovation) ou notion", constraints(true, null, schema.kinds().stream().map(KindDefinition::name).toList())
                .build(), (t, r) -> r.kind()));
        all.add(new Column("title", "Titre", STRING, "Titre de la fiche", constraints(true, null, null).build(),
                (t, r) -> r.title()));
        all.add(new Column("summary", "Accroche", STRING, "Résumé en une ou deux phrases", constraints(false, null, null).build(),
                (t, r) -> r.summary()));
        all.add(new Column("themes", "Codes des thèmes", STRING, "Codes des bouquets de services ADRETS (1 à 18), séparés par "
                + SEPARATOR, constraints(false, "([0-9]{1,2}(;[0-9]{1,2})*)?", null).build(),
                (t, r) -> String.join(SEPARATOR, strings(r.fields().get("themes")))));
        all.add(new Column("themeLabels", "Thèmes", STRING, "Intitulés des thèmes, dans l'ordre des codes, séparés par "
                + SEPARATOR, constraints(false, null, null).build(), (t, r) -> strings(r.fields().get("themes")).stream()
                .map(code -> t.themeLabel(code)).collect(Collectors.joining(SEPARATOR))));
        all.add(new Column("territories", "Clés des territoires", STRING, "Territoires niveau:code (region, departement, epci, "
                + "commune), séparés par " + SEPARATOR, constraints(false, "(" + KEY + "(;" + KEY + ")*)?", null).build(),
                (t, r) -> String.join(SEPARATOR, strings(r.fields().get("territories")))));
        all.add(new Column("territoryNames", "Territoires", STRING, "Noms des territoires, dans l'ordre des clés, séparés par "
                + SEPARATOR, constraints(false, null, null).build(), (t, r) -> strings(r.fields().get("territories")).stream()
                .map(key -> t.territories.name(key).orElse(key)).collect(Collectors.joining(SEPARATOR))));
        all.add(new Column("inseeCodes", "Codes INSEE", STRING, "Codes officiels géographiques de l'INSEE des territoires "
                + "(SIREN pour un EPCI), dans l'ordre des clés, séparés par " + SEPARATOR,
                constraints(false, "([0-9AB]{2,9}(;[0-9AB]{2,9})*)?", null).build(),
                (t, r) -> strings(r.fields().get("territories")).stream().map(key -> t.territories.find(key).map(Territory::code)
                        .orElse(key.substring(key.indexOf(':') + 1))).collect(Collectors.joining(SEPARATOR))));
        all.add(new Column("status", "État d'avancement", STRING, "État d'avancement d'une expérience, ou maturité d'une "
                + "innovation", constraints(false, null, values(schema, "status", "maturity")).build(),
                (t, r) -> first(r.fields(), "status", "maturity")));
        all.add(new Column("statusYear", "État constaté en", YEAR, "Année où l'état d'avancement a été constaté",
                constraints(false, null, null).build(), (t, r) -> first(r.fields(), "statusYear")));
        all.add(new Column("startYear", "Année de démarrage", YEAR, "Année de démarrage d'une expérience",
                constraints(false, null, null).build(), (t, r) -> first(r.fields(), "startYear")));
        all.add(new Column("porteur", "Porteur", STRING, "Nom de qui porte l'expérience", constraints(false, null, null).build(),
                (t, r) -> r.fields().get("porteur") instanceof JsonObject p ? p.getString("name", "") : ""));
        all.add(new Column("porteurType", "Type de porteur", STRING, "Nature du porteur de l'expérience",
                constraints(false, null, values(schema, "porteur")).build(),
                (t, r) -> r.fields().get("porteur") instanceof JsonObject p ? p.getString("actorType", "") : ""));
        all.add(new Column("licence", "Licence", STRING, "Licence de réutilisation de la fiche",
                constraints(true, null, java.util.Arrays.stream(Licence.values()).map(Licence::getCode).toList()).build(),
                (t, r) -> t.settings.licenceOf(r.fields()).getCode()));
        all.add(new Column("informationYear", "Date de l'information", YEAR, "Année des informations de la fiche : la plus "
                + "récente de ses sources et de l'état constaté", constraints(false, null, null).build(),
                (t, r) -> r.informationYear().isPresent() ? String.valueOf(r.informationYear().getAsInt()) : ""));
        all.add(new Column("lastModified", "Dernière modification", "datetime", "Date de la dernière modification du texte "
                + "(UTC) ; vide si la fiche n'a pas changé depuis son import initial", constraints(false, null, null).build(),
                (t, r) -> r.lastEdited() == null ? "" : UTC.format(r.lastEdited().withOffsetSameInstant(ZoneOffset.UTC)
                        .truncatedTo(ChronoUnit.SECONDS))));
        return List.copyOf(all);
    }

    private static JsonObjectBuilder constraints(boolean required, String pattern, List<String> allowed) {
        JsonObjectBuilder constraints = JsonFields.JSON.createObjectBuilder();
        if (required) {
            constraints.add("required", true);
        }
        if (pattern != null) {
            constraints.add("pattern", pattern);
        }
        if (allowed != null) {
            constraints.add("enum", JsonFields.JSON.createArrayBuilder(allowed));
        }
        return constraints;
    }

    /** The allowed values of these fields across every kind of sheet, in schema order. */
    private static List<String> values(SheetSchema schema, String... fields) {
        Set<String> values = new LinkedHashSet<>();
        for (KindDefinition kind : schema.kinds()) {
            for (String name : fields) {
                kind.field(name).map(FieldDefinition::values).ifPresent(v -> values.addAll(v.keySet()));
            }
        }
        return List.copyOf(values);
    }

    private static String first(JsonObject fields, String... names) {
        for (String name : names) {
            List<String> found = strings(fields.get(name));
            if (!found.isEmpty()) {
                return found.get(0);
            }
        }
        return "";
    }

    private String themeLabel(String code) {
        try {
            return themeLabels.getOrDefault(Integer.valueOf(code), code);
        } catch (NumberFormatException e) {
            return code;
        }
    }

    List<Column> columns() {
        return columns;
    }

    List<String> header() {
        return columns.stream().map(Column::name).toList();
    }

    /**
     * The cells of a row. A cell that a spreadsheet would take for a formula (=, +, -, @, tab,
     * carriage return first) starts with an apostrophe, which spreadsheets show as text.
     */
    List<String> cells(SheetRow row) {
        List<String> cells = new ArrayList<>(columns.size());
        for (Column column : columns) {
            String value = column.value().apply(this, row);
            cells.add(neutralised(value == null ? "" : value));
        }
        return cells;
    }

    static String neutralised(String value) {
        return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    /** The Table Schema of the CSV (frictionless data, as schema.data.gouv.fr publishes them). */
    JsonObject tableSchema(OffsetDateTime modified) {
        JsonArrayBuilder fields = JsonFields.JSON.createArrayBuilder();
        for (Column column : columns) {
            JsonObjectBuilder field = JsonFields.JSON.createObjectBuilder()
                    .add("name", column.name())
                    .add("title", column.title())
                    .add("description", column.description())
                    .add("type", column.type());
            if (column.type().equals("datetime")) {
                field.add("format", "default");
            }
            field.add("constraints", column.constraints());
            fields.add(field);
        }
        return JsonFields.JSON.createObjectBuilder()
                .add("name", "essaim-fiches")
                .add("title", "Fiches d'Essaim : expériences, vade-mecums, cartes innovation et notions des services publics "
                        + "territoriaux")
                .add("description", "Une ligne par fiche publiée. Fichier CSV en UTF-8, séparateur virgule, ligne d'en-tête ; "
                        + "une cellule qui commencerait par =, +, - ou @ est précédée d'une apostrophe.")
                .add("countryCode", "FR")
                .add("homepage", origin + "/donnees")
                .add("path", origin + "/donnees/schema.json")
                .add("version", "1.0.0")
                .add("lastModified", modified.toLocalDate().toString())
                .add("contributors", JsonFields.JSON.createArrayBuilder().add(JsonFields.JSON.createObjectBuilder()
                        .add("title", settings.getPublisherName()).add("role", "author")))
                .add("missingValues", JsonFields.JSON.createArrayBuilder().add(""))
                .add("primaryKey", "slug")
                .add("fields", fields)
                .build();
    }
}
