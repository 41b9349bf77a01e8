package fr.essaim.opendata;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.OptionalInt;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

import fr.essaim.sheet.InformationDate;
import fr.essaim.shared.JsonFields;
import fr.essaim.sheet.Revision;

/** What the page and the API say of a sheet's licence and dates. */
@Named
@RequestScoped
public class SheetFacts {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter FRENCH = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);

    @Inject
    OpenDataSettings settings;

    @Inject
    HttpServletRequest request;

    public Licence licence(Revision revision) {
        return settings.licenceOf(JsonFields.parse(revision.getFieldsJson()));
    }

    /** The year the facts date from, or null when no source gives one. */
    public Integer informationYear(Revision revision) {
        OptionalInt year = InformationDate.year(JsonFields.parse(revision.getFieldsJson()));
        return year.isPresent() ? year.getAsInt() : null;
    }

    /** When a person last changed the text, or null for a sheet as its first import brought it in. */
    public static OffsetDateTime lastEdited(Revision revision) {
        return SheetRow.lastEdited(revision.getNumber(), revision.getComment(), revision.getCreatedAt());
    }

    public OffsetDateTime getLastEdited(Revision revision) {
        return lastEdited(revision);
    }

    public String frenchDate(OffsetDateTime time) {
        return time == null ? "" : FRENCH.format(time.atZoneSameInstant(PARIS));
    }

    public String isoDate(OffsetDateTime time) {
        return time == null ? "" : time.atZoneSameInstant(PARIS).toLocalDate().toString();
    }

    /**
     * The mention a reuser writes. Licence Ouverte: the source and the date of its last update;
     * Creative Commons: title, author, source and licence.
     */
    public String attribution(Revision revision) {
        Licence licence = licence(revision);
        String url = settings.origin(request) + "/fiches/" + revision.getSheet().getSlug();
        OffsetDateTime edited = lastEdited(revision);
        Integer year = informationYear(revision);
        String date = edited != null ? "mise à jour du " + frenchDate(edited)
                : year != null ? "informations de " + year : "mise en ligne le " + frenchDate(revision.getCreatedAt());
        if (licence == Licence.ETALAB_2_0) {
            return settings.getPublisherName() + " — « " + revision.getTitle() + " », " + url + ", " + date;
        }
        return "« " + revision.getTitle() + " », " + settings.getPublisherName() + ", " + url + ", " + date + ", licence "
                + licence.getLabel() + " (" + licence.getUrl() + ")";
    }

    /** The licence as the sheet API gives it. */
    public record LicenceAnswer(String code, String label, String url) {
    }

    public static LicenceAnswer licenceOf(Revision revision, OpenDataSettings settings) {
        Licence licence = settings.licenceOf(JsonFields.parse(revision.getFieldsJson()));
        return new LicenceAnswer(licence.getCode(), licence.getLabel(), licence.getUrl());
    }

    public static Integer informationYearOf(Revision revision) {
        OptionalInt year = InformationDate.year(JsonFields.parse(revision.getFieldsJson()));
        return year.isPresent() ? year.getAsInt() : null;
    }

    public static String lastEditedOf(Revision revision) {
        OffsetDateTime edited = lastEdited(revision);
        return edited == null ? null : edited.toString();
    }
}
