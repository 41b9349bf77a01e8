package fr.essaim.opendata;

import java.time.OffsetDateTime;
import java.util.OptionalInt;

import jakarta.json.JsonObject;

import fr.essaim.sheet.InformationDate;
import fr.essaim.shared.JsonFields;

/** What the open-data documents say of one published sheet, read with one query for many sheets. */
public record SheetRow(long id, String slug, String kind, String title, String summary, String fieldsJson, String source,
        int revision, String comment, OffsetDateTime revisionDate) {

    /** What a first import writes as the comment of a sheet's first revision. */
    static final String CORPUS_IMPORT = "Import du corpus";

    public JsonObject fields() {
        return JsonFields.parse(fieldsJson);
    }

    public OptionalInt informationYear() {
        return InformationDate.year(fields());
    }

    /** When a person last changed the text; none for a sheet as a first import brought it in. */
    public OffsetDateTime lastEdited() {
        return lastEdited(revision, comment, revisionDate);
    }

    /** The import day of a corpus is not an edit: it would make facts of 2015 look new. */
    static OffsetDateTime lastEdited(int revision, String comment, OffsetDateTime at) {
        return revision == 1 && CORPUS_IMPORT.equals(comment) ? null : at;
    }
}
