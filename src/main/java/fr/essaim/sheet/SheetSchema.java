package fr.essaim.sheet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import fr.essaim.markdown.SheetSource;
import fr.essaim.shared.Yaml;

/**
 * The kinds of sheets and their fields, read from {@code schema.yml}. Validation of a revision's
 * front matter answers with one French message per faulty field.
 */
public final class SheetSchema {

    public static final String RESOURCE = "essaim/schema.yml";

    private static final Pattern TERRITORY_KEY = Pattern.compile("(region|departement|epci|commune):[0-9AB]{2,9}");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final int MAX_TEXT = 2000;
    /** Titles and old names are stored in columns of this size: a longer one must be refused here, in French. */
    static final int MAX_TITLE = 500;
    static final int MAX_ALIAS = 200;
    /** The experience field naming the sheets it took up: slugs or titles, resolved like wiki links (see {@link SheetParser}). */
    public static final String INSPIRED_BY = "inspiredBy";

    private final Map<String, KindDefinition> kinds;

    private SheetSchema(Map<String, KindDefinition> kinds) {
        this.kinds = kinds;
    }

    public static SheetSchema fromClasspath() {
        try (InputStream in = SheetSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("schéma introuvable : " + RESOURCE);
            }
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static SheetSchema load(InputStream yaml) {
        Map<String, Object> root = Yaml.parser().load(yaml);
        List<FieldDefinition> common = fields((List<Map<String, Object>>) root.get("common"));
        Map<String, KindDefinition> kinds = new LinkedHashMap<>();
        Map<String, Object> kindMap = (Map<String, Object>) root.get("kinds");
        for (Map.Entry<String, Object> entry : kindMap.entrySet()) {
            Map<String, Object> kind = (Map<String, Object>) entry.getValue();
            List<FieldDefinition> all = new ArrayList<>(common);
            all.addAll(fields((List<Map<String, Object>>) kind.getOrDefault("fields", List.of())));
            List<String> sections = ((List<Object>) kind.getOrDefault("sections", List.of())).stream()
                    .map(String::valueOf).toList();
            kinds.put(entry.getKey(), new KindDefinition(entry.getKey(), String.valueOf(kind.get("label")),
                    sections, List.copyOf(all)));
        }
        return new SheetSchema(kinds);
    }

    private static List<FieldDefinition> fields(List<Map<String, Object>> definitions) {
        List<FieldDefinition> fields = new ArrayList<>();
        for (Map<String, Object> d : definitions) {
            fields.add(new FieldDefinition(String.valueOf(d.get("name")), String.valueOf(d.get("label")),
                    FieldType.fromSchemaName(String.valueOf(d.get("type"))),
                    Boolean.TRUE.equals(d.get("required")),
                    values(d.get("values"))));
        }
        return fields;
    }

    private static Map<String, String> values(Object declared) {
        Map<String, String> values = new LinkedHashMap<>();
        if (declared instanceof Map<?, ?> map) {
            map.forEach((k, v) -> values.put(String.valueOf(k), String.valueOf(v)));
        } else if (declared instanceof List<?> list) {
            list.forEach(v -> values.put(String.valueOf(v), String.valueOf(v)));
        }
        return values;
    }

    public Collection<KindDefinition> kinds() {
        return kinds.values();
    }

    public Optional<KindDefinition> kind(String name) {
        return Optional.ofNullable(name == null ? null : kinds.get(name));
    }

    public List<FieldError> validate(Map<String, Object> frontMatter, ReferenceData references) {
        List<FieldError> errors = new ArrayList<>();
        Object kindValue = frontMatter.get("kind");
        if (kindValue == null) {
            errors.add(new FieldError("kind", "champ obligatoire (" + String.join(", ", kinds.keySet()) + ")"));
            return errors;
        }
        KindDefinition kind = kinds.get(String.valueOf(kindValue));
        if (kind == null) {
            errors.add(new FieldError("kind", "« " + kindValue + " » n'est pas une valeur admise ("
                    + String.join(", ", kinds.keySet()) + ")"));
            return errors;
        }
        for (String name : frontMatter.keySet()) {
            if (kind.field(name).isEmpty()) {
                errors.add(new FieldError(name, "champ inconnu pour le type « " + kind.label() + " » (champs admis : "
                        + kind.fields().stream().map(FieldDefinition::name).collect(Collectors.joining(", ")) + ")"));
            }
        }
        for (FieldDefinition field : kind.fields()) {
            Object value = frontMatter.get(field.name());
            if (isEmpty(value)) {
                if (field.required()) {
                    errors.add(new FieldError(field.name(), "champ obligatoire (" + field.label() + ")"));
                }
                continue;
            }
            checkValue(field, value, references).ifPresent(message -> errors.add(new FieldError(field.name(), message)));
        }
        return errors;
    }

    private static boolean isEmpty(Object value) {
        return value == null
                || value instanceof String s && s.isBlank()
                || value instanceof Collection<?> c && c.isEmpty()
                || value instanceof Map<?, ?> m && m.isEmpty();
    }

    private static Optional<String> checkValue(FieldDefinition field, Object value, ReferenceData references) {
        return switch (field.type()) {
            case TEXT -> checkText(value, "title".equals(field.name()) ? MAX_TITLE : MAX_TEXT);
            case MARKDOWN -> checkText(value, SheetSource.MAX_LENGTH);
            case ENUM -> isScalar(value) ? checkAllowed(field, String.valueOf(value))
                    : Optional.of("une seule valeur attendue parmi " + allowed(field));
            case YEAR -> checkYear(value);
            case URL -> checkUrl(value);
            case BOOLEAN -> value instanceof Boolean || "oui".equals(value) || "non".equals(value) ? Optional.empty()
                    : Optional.of("« oui » ou « non » attendu");
            case ACTOR -> checkActor(field, value);
            default -> checkList(field, value, references);
        };
    }

    private static Optional<String> checkList(FieldDefinition field, Object value, ReferenceData references) {
        List<?> items = value instanceof List<?> list ? list : List.of(value);
        for (Object item : items) {
            Optional<String> problem = switch (field.type()) {
                case MULTI_ENUM -> isScalar(item) ? checkAllowed(field, String.valueOf(item))
                        : Optional.of("liste de valeurs attendue parmi " + allowed(field));
                case LIST -> checkText(item, "aliases".equals(field.name()) ? MAX_ALIAS : MAX_TEXT);
                case TERRITORIES -> checkTerritory(item, references);
                case THEMES -> checkTheme(item, references);
                case SOURCES -> checkSource(item);
                case SHEETS -> INSPIRED_BY.equals(field.name()) ? checkText(item, MAX_TITLE)
                        : item instanceof String s && SLUG.matcher(s).matches() ? Optional.empty()
                        : Optional.of("« " + item + " » n'est pas un identifiant de fiche (minuscules, chiffres et tirets)");
                default -> Optional.of("type de champ non pris en charge");
            };
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static boolean isScalar(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean;
    }

    private static Optional<String> checkText(Object value, int max) {
        if (!isScalar(value)) {
            return Optional.of("un texte est attendu, pas une liste");
        }
        String text = String.valueOf(value);
        return text.length() > max ? Optional.of("texte trop long (" + text.length() + " caractères, " + max + " au plus)")
                : Optional.empty();
    }

    private static Optional<String> checkAllowed(FieldDefinition field, String value) {
        return field.values().containsKey(value) ? Optional.empty()
                : Optional.of("« " + value + " » n'est pas une valeur admise (" + allowed(field) + ")");
    }

    private static String allowed(FieldDefinition field) {
        return String.join(", ", field.values().keySet());
    }

    private static Optional<String> checkYear(Object value) {
        if (value instanceof Integer year && year >= 1800 && year <= 2100
                || value instanceof String text && text.strip().matches("(18|19|20)[0-9]{2}|2100")) {
            return Optional.empty();
        }
        return Optional.of("« " + value + " » n'est pas une année (par exemple 2012)");
    }

    private static Optional<String> checkUrl(Object value) {
        if (!(value instanceof String text)) {
            return Optional.of("une adresse web est attendue");
        }
        try {
            URI uri = new URI(text.strip());
            if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null) {
                return Optional.empty();
            }
        } catch (URISyntaxException e) {
            // answered below
        }
        return Optional.of("« " + text + " » n'est pas une adresse web (http:// ou https://)");
    }

    private static Optional<String> checkActor(FieldDefinition field, Object value) {
        if (!(value instanceof Map<?, ?> actor) || isEmpty(actor.get("name"))) {
            return Optional.of("le porteur s'écrit avec un nom (name) et un type d'acteur (actorType)");
        }
        for (Object key : actor.keySet()) {
            if (!"name".equals(key) && !"actorType".equals(key)) {
                return Optional.of("« " + key + " » n'est pas une information du porteur (name, actorType)");
            }
        }
        Optional<String> name = checkText(actor.get("name"), MAX_TEXT);
        Object type = actor.get("actorType");
        if (name.isPresent() || type == null) {
            return name;
        }
        if (field.values().isEmpty()) {
            return checkText(type, 200);
        }
        return isScalar(type) && field.values().containsKey(String.valueOf(type)) ? Optional.empty()
                : Optional.of("type d'acteur « " + type + " » inconnu (" + allowed(field) + ")");
    }

    private static Optional<String> checkSource(Object item) {
        if (!(item instanceof Map<?, ?> source) || isEmpty(source.get("title"))) {
            return Optional.of("chaque source a au moins un titre (title), et si possible publisher, year, url");
        }
        for (Object key : source.keySet()) {
            if (!List.of("title", "publisher", "year", "url").contains(key)) {
                return Optional.of("« " + key + " » n'est pas une information de source (title, publisher, year, url)");
            }
        }
        if (source.get("year") != null) {
            Optional<String> year = checkYear(source.get("year"));
            if (year.isPresent()) {
                return year;
            }
        }
        return source.get("url") == null ? checkText(source.get("title"), MAX_TEXT) : checkUrl(source.get("url"));
    }

    private static Optional<String> checkTerritory(Object item, ReferenceData references) {
        String key = String.valueOf(item);
        if (!TERRITORY_KEY.matcher(key).matches()) {
            return Optional.of("« " + key + " » n'est pas une clé de territoire (region:84, departement:05, "
                    + "epci:200067452, commune:05006)");
        }
        return references.isTerritory(key) ? Optional.empty() : Optional.of("territoire inconnu : « " + key + " »");
    }

    private static Optional<String> checkTheme(Object item, ReferenceData references) {
        if (item instanceof Integer code && references.isTheme(code)) {
            return Optional.empty();
        }
        return Optional.of("« " + item + " » n'est pas un code de thème (1 à 18)");
    }
}
