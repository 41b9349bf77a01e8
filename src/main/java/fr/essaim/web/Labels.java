package fr.essaim.web;

import java.text.NumberFormat;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import fr.essaim.sheet.KindDefinition;
import fr.essaim.sheet.SheetService;
import fr.essaim.territory.TerritoryCatalog;
import fr.essaim.theme.Theme;
import fr.essaim.theme.ThemeService;

/** French names of facet values, and French dates and numbers, for the pages. */
@Named
@ApplicationScoped
public class Labels {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMMM yyyy 'à' HH:mm", Locale.FRENCH);

    @Inject
    SheetService sheets;

    @Inject
    ThemeService themes;

    @Inject
    TerritoryCatalog territories;

    /** "theme", "6" → "Petite enfance"; "territory", "departement:56" → "Morbihan". */
    public String of(String facet, String value) {
        return switch (facet) {
            case "kind" -> sheets.schema().kind(value).map(KindDefinition::label).orElse(value);
            case "theme" -> theme(value);
            case "territory", "epci" -> territories.name(value).orElse(value);
            case "category" -> sheets.schema().kind("innovation").flatMap(k -> k.field("category"))
                    .map(f -> f.labelOf(value)).orElse(value);
            case "takenUp" -> "reprises ailleurs";
            case "inspiredBy" -> sheets.findPublished(value).map(fr.essaim.sheet.Revision::getTitle).orElse(value);
            default -> value;
        };
    }

    private String theme(String code) {
        try {
            return themes.find(Integer.parseInt(code)).map(Theme::getLabel).orElse(code);
        } catch (NumberFormatException e) {
            return code;
        }
    }

    public String kind(String kind) {
        return of("kind", kind);
    }

    /** 1 234 with the French thousands separator. */
    public String number(long n) {
        return NumberFormat.getIntegerInstance(Locale.FRENCH).format(n);
    }

    /** "1 fiche", "12 fiches". */
    public String sheets(long n) {
        return number(n) + (n > 1 ? " fiches" : " fiche");
    }

    /** "3 mars 2025". */
    public String date(OffsetDateTime time) {
        return time == null ? "" : DATE.format(time.atZoneSameInstant(PARIS));
    }

    /** "3 mars 2025 à 14:05", in Paris time. */
    public String dateTime(OffsetDateTime time) {
        return time == null ? "" : DATE_TIME.format(time.atZoneSameInstant(PARIS));
    }

    /** The machine-readable date for a {@code <time>} element. */
    public String isoDate(OffsetDateTime time) {
        return time == null ? "" : time.atZoneSameInstant(PARIS).toLocalDate().toString();
    }
}
