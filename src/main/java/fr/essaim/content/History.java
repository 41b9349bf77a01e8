package fr.essaim.content;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import fr.essaim.shared.JsonFields;
import fr.essaim.shared.Yaml;

/**
 * The revision list of a sheet in the corpus format ({@code historique/<slug>.yml}). Written in one
 * canonical form, so that export → import → export gives the same bytes.
 */
record History(List<Entry> revisions, Integer published) {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final String DRAFT = "brouillon";

    /** One revision: its number, author, date and comment. */
    record Entry(int number, String author, OffsetDateTime date, String comment) {
    }

    /** The number whose text is {@code fiches/<slug>.md}: the published one, or else the last. */
    int current() {
        return published != null ? published : revisions.get(revisions.size() - 1).number();
    }

    static History parse(String yaml, String fileName) throws ContentException {
        Object document;
        try {
            document = Yaml.parser().load(yaml);
        } catch (RuntimeException e) {
            throw new ContentException("historique illisible (" + fileName + ") : " + e.getMessage());
        }
        if (!(document instanceof Map<?, ?> map) || !(map.get("revisions") instanceof List<?> list) || list.isEmpty()) {
            throw new ContentException("historique sans liste « revisions » : " + fileName);
        }
        List<Entry> entries = new ArrayList<>();
        int previous = 0;
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> entry) || !(entry.get("number") instanceof Integer number) || number != previous + 1) {
                throw new ContentException("historique mal formé (" + fileName
                        + ") : les révisions sont numérotées 1, 2, 3… (number)");
            }
            previous = number;
            Object comment = entry.get("comment");
            entries.add(new Entry(number, String.valueOf(entry.get("author") == null ? "import" : entry.get("author")),
                    date(entry.get("date"), fileName), comment == null ? null : String.valueOf(comment)));
        }
        Object published = map.get("published");
        Integer publishedNumber;
        if (published == null) {
            publishedNumber = entries.get(entries.size() - 1).number();
        } else if (DRAFT.equals(published)) {
            publishedNumber = null;
        } else if (published instanceof Integer n && entries.stream().anyMatch(e -> e.number() == n)) {
            publishedNumber = n;
        } else {
            throw new ContentException("historique mal formé (" + fileName + ") : « published » doit être le numéro "
                    + "d'une révision de la liste, ou « " + DRAFT + " »");
        }
        return new History(List.copyOf(entries), publishedNumber);
    }

    private static OffsetDateTime date(Object value, String fileName) throws ContentException {
        if (value instanceof Date date) {
            return date.toInstant().atZone(PARIS).toOffsetDateTime();
        }
        try {
            return OffsetDateTime.parse(String.valueOf(value));
        } catch (DateTimeParseException e) {
            throw new ContentException("date de révision illisible dans " + fileName + " : « " + value + " »");
        }
    }

    String write() {
        StringBuilder yaml = new StringBuilder("revisions:\n");
        for (Entry entry : revisions) {
            yaml.append("  - number: ").append(entry.number()).append('\n')
                    .append("    author: ").append(quoted(entry.author())).append('\n')
                    .append("    date: ").append(quoted(format(entry.date()))).append('\n');
            if (entry.comment() != null) {
                yaml.append("    comment: ").append(quoted(entry.comment())).append('\n');
            }
        }
        yaml.append("published: ").append(published == null ? DRAFT : published.toString()).append('\n');
        return yaml.toString();
    }

    static String format(OffsetDateTime date) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(date.atZoneSameInstant(PARIS).toOffsetDateTime());
    }

    /** A YAML double-quoted scalar: JSON string escapes are valid YAML ones. */
    private static String quoted(String text) {
        return JsonFields.JSON.createValue(text).toString();
    }
}
