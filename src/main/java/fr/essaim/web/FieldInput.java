package fr.essaim.web;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.essaim.sheet.FieldDefinition;

/** One field of the edit form, holding what the user typed in the shape its type needs. */
public class FieldInput implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final String label;
    private final String type;
    private final boolean required;
    private final Map<String, String> choices;
    private String text;
    private List<String> selected = new ArrayList<>();
    private String actorName;
    private String actorType;
    private List<SourceRow> sources = new ArrayList<>();
    private String error;

    /** One source of a sheet: the repeatable group of the form. */
    public static class SourceRow implements Serializable {
        private static final long serialVersionUID = 1L;
        private String title;
        private String publisher;
        private String year;
        private String url;

        public String getTitle() {
            return title;
        }

        public void setTitle(String title) {
            this.title = title;
        }

        public String getPublisher() {
            return publisher;
        }

        public void setPublisher(String publisher) {
            this.publisher = publisher;
        }

        public String getYear() {
            return year;
        }

        public void setYear(String year) {
            this.year = year;
        }

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }
    }

    private FieldInput(FieldDefinition field) {
        this.name = field.name();
        this.label = field.label();
        this.type = field.type().name();
        this.required = field.required();
        this.choices = new LinkedHashMap<>(field.values());
    }

    static FieldInput of(FieldDefinition field, Object value) {
        FieldInput input = new FieldInput(field);
        switch (field.type()) {
            case MULTI_ENUM, THEMES, TERRITORIES -> {
                if (value instanceof List<?> list) {
                    list.forEach(v -> input.selected.add(String.valueOf(v)));
                }
                input.text = String.join(",", input.selected);
            }
            case LIST, SHEETS -> {
                if (value instanceof List<?> list) {
                    input.text = String.join("\n", list.stream().map(String::valueOf).toList());
                }
            }
            case ACTOR -> {
                if (value instanceof Map<?, ?> actor) {
                    input.actorName = actor.get("name") == null ? null : String.valueOf(actor.get("name"));
                    input.actorType = actor.get("actorType") == null ? null : String.valueOf(actor.get("actorType"));
                }
            }
            case SOURCES -> {
                if (value instanceof List<?> list) {
                    for (Object item : list) {
                        if (item instanceof Map<?, ?> map) {
                            SourceRow row = new SourceRow();
                            row.title = string(map.get("title"));
                            row.publisher = string(map.get("publisher"));
                            row.year = string(map.get("year"));
                            row.url = string(map.get("url"));
                            input.sources.add(row);
                        }
                    }
                }
                if (input.sources.isEmpty()) {
                    input.sources.add(new SourceRow());
                }
            }
            case BOOLEAN -> input.text = value == null ? null : String.valueOf(value);
            default -> input.text = value == null ? null : String.valueOf(value);
        }
        return input;
    }

    private static String string(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    /** The value as the front matter holds it; null when nothing was typed. */
    Object value() {
        switch (type) {
            case "MULTI_ENUM":
                return selected.isEmpty() ? null : List.copyOf(selected);
            case "THEMES":
                return selected.isEmpty() ? null : selected.stream().map(FieldInput::number).toList();
            case "TERRITORIES":
                List<String> keys = text == null ? List.of()
                        : List.of(text.split(",")).stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
                return keys.isEmpty() ? null : keys;
            case "LIST":
            case "SHEETS":
                List<String> lines = text == null ? List.of()
                        : text.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
                return lines.isEmpty() ? null : lines;
            case "ACTOR":
                if (blank(actorName) && blank(actorType)) {
                    return null;
                }
                Map<String, Object> actor = new LinkedHashMap<>();
                actor.put("name", blank(actorName) ? null : actorName.strip());
                actor.put("actorType", blank(actorType) ? null : actorType.strip());
                actor.values().removeIf(v -> v == null);
                return actor;
            case "SOURCES":
                List<Map<String, Object>> rows = new ArrayList<>();
                for (SourceRow row : sources) {
                    Map<String, Object> source = new LinkedHashMap<>();
                    if (!blank(row.title)) {
                        source.put("title", row.title.strip());
                    }
                    if (!blank(row.publisher)) {
                        source.put("publisher", row.publisher.strip());
                    }
                    if (!blank(row.year)) {
                        source.put("year", number(row.year));
                    }
                    if (!blank(row.url)) {
                        source.put("url", row.url.strip());
                    }
                    if (!source.isEmpty()) {
                        rows.add(source);
                    }
                }
                return rows.isEmpty() ? null : rows;
            case "YEAR":
                return blank(text) ? null : number(text);
            case "BOOLEAN":
                return blank(text) ? null : Boolean.valueOf(text);
            case "TEXT":
                // A long line is typed in a wrapping area: a line break there is a space.
                return blank(text) ? null : text.strip().replaceAll("\\s*\\R\\s*", " ");
            default:
                return blank(text) ? null : text.strip();
        }
    }

    /** A number stays a number in YAML; anything else is kept as typed, for validation to name. */
    private static Object number(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return text.strip();
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    public String getName() {
        return name;
    }

    public String getLabel() {
        return label;
    }

    public String getType() {
        return type;
    }

    /** The accroche, one line too long for an input: typed in an area that wraps, so that it shows whole. */
    public boolean isLong() {
        return type.equals("TEXT") && name.equals("summary");
    }

    /** Several inputs under one name (checkboxes, a territory list, a carrier, sources): a fieldset with a legend. */
    public boolean isGroup() {
        return switch (type) {
            case "MULTI_ENUM", "THEMES", "TERRITORIES", "ACTOR", "SOURCES" -> true;
            default -> false;
        };
    }

    public boolean isRequired() {
        return required;
    }

    public List<Map.Entry<String, String>> getChoices() {
        return new ArrayList<>(choices.entrySet());
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }

    public List<String> getSelected() {
        return selected;
    }

    public void setSelected(List<String> selected) {
        this.selected = selected == null ? new ArrayList<>() : new ArrayList<>(selected);
    }

    public String getActorName() {
        return actorName;
    }

    public void setActorName(String actorName) {
        this.actorName = actorName;
    }

    public String getActorType() {
        return actorType;
    }

    public void setActorType(String actorType) {
        this.actorType = actorType;
    }

    public List<SourceRow> getSources() {
        return sources;
    }

    public String getError() {
        return error;
    }

    public void setError(String error) {
        this.error = error;
    }

    /** The keys of the chosen territories, for the autocomplete widget. */
    public List<String> getKeys() {
        return text == null ? List.of() : List.of(text.split(",")).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
