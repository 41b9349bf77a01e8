package fr.essaim.search;

import fr.essaim.shared.JsonFields;
import fr.essaim.sheet.PublishedText;
import fr.essaim.sheet.Revision;

/** The published revision of a sheet, as the index reads it. */
final class IndexedSheets {

    private IndexedSheets() {
    }

    static IndexedSheet of(Revision published) {
        return new IndexedSheet(published.getSheet().getSlug(), published.getKind(), published.getTitle(),
                published.getSummary(), published.getHtml(), JsonFields.parse(published.getFieldsJson()),
                published.getSheet().getUpdatedAt(), null);
    }

    static IndexedSheet of(PublishedText published) {
        return new IndexedSheet(published.slug(), published.kind(), published.title(), published.summary(),
                published.html(), JsonFields.parse(published.fieldsJson()), published.updated(), published.text());
    }
}
