package fr.essaim.search;

import static fr.essaim.shared.JsonFields.strings;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.util.BytesRef;
import org.jsoup.Jsoup;

import fr.essaim.shared.JsonFields;
import fr.essaim.territory.TerritoryCatalog;

/** A published sheet as a Lucene document: searchable text, facet values, what a hit shows. */
final class SheetDocuments {

    /**
     * The catch-all text indexed with offsets: snippets are cut from those of the body, which comes
     * first in it, without analysing the text again. Not stored: the hit record holds the body.
     */
    private static final FieldType ALL_TYPE = new FieldType(TextField.TYPE_NOT_STORED);

    /** Words for spelling suggestions: only which documents hold them is read, so nothing else is written. */
    private static final FieldType SPELL_TYPE = new FieldType(TextField.TYPE_NOT_STORED);

    static {
        ALL_TYPE.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        ALL_TYPE.freeze();
        SPELL_TYPE.setIndexOptions(IndexOptions.DOCS);
        SPELL_TYPE.setOmitNorms(true);
        SPELL_TYPE.freeze();
    }

    private final FacetsConfig facets;
    private final TerritoryCatalog territories;
    private final Map<Integer, String> themeLabels;

    SheetDocuments(FacetsConfig facets, TerritoryCatalog territories, Map<Integer, String> themeLabels) {
        this.facets = facets;
        this.territories = territories;
        this.themeLabels = themeLabels;
    }

    Document build(IndexedSheet sheet) throws IOException {
        JsonObject fields = sheet.fields();
        Document doc = new Document();
        doc.add(new StringField(IndexSchema.SLUG, sheet.slug(), Field.Store.YES));
        doc.add(new StringField(IndexSchema.KIND, sheet.kind(), Field.Store.YES));
        doc.add(new TextField(IndexSchema.TITLE, sheet.title(), Field.Store.YES));
        doc.add(new TextField(IndexSchema.SUMMARY, nullToEmpty(sheet.summary()), Field.Store.YES));
        String body = sheet.text() != null ? sheet.text() : Jsoup.parse(nullToEmpty(sheet.html())).text();
        doc.add(new SortedDocValuesField(IndexSchema.TITLE_SORT, new BytesRef(TerritoryCatalog.fold(sheet.title()))));
        long updated = sheet.updated().toInstant().toEpochMilli();
        doc.add(new NumericDocValuesField(IndexSchema.UPDATED, updated));
        doc.add(new StoredField(IndexSchema.UPDATED, updated));
        doc.add(new HitRecord(sheet.slug(), sheet.kind(), sheet.title(), nullToEmpty(sheet.summary()),
                strings(fields.get("themes")), strings(fields.get("territories")), updated, body).field());
        doc.add(new NumericDocValuesField(IndexSchema.INFORMATION_YEAR,
                fr.essaim.sheet.InformationDate.year(sheet.fields()).orElse(0)));

        String porteurName = "";
        if (fields.get("porteur") instanceof JsonObject porteur) {
            porteurName = porteur.getString("name", "");
            doc.add(new TextField(IndexSchema.PORTEUR, porteurName + " " + porteur.getString("actorType", ""), Field.Store.NO));
        }
        doc.add(new SortedSetDocValuesFacetField(IndexSchema.FACET_KIND, sheet.kind()));
        List<String> themeTexts = new ArrayList<>();
        for (String code : strings(fields.get("themes"))) {
            String label = themeLabels.getOrDefault(Integer.valueOf(code), "");
            themeTexts.add(label);
            doc.add(new StoredField(IndexSchema.THEME_CODE, code));
            doc.add(new SortedSetDocValuesFacetField(IndexSchema.FACET_THEME, code));
            doc.add(new TextField(IndexSchema.THEME_LABELS, label, Field.Store.NO));
        }
        Set<String> counted = new LinkedHashSet<>();
        List<String> places = new ArrayList<>();
        for (String key : strings(fields.get("territories"))) {
            doc.add(new StoredField(IndexSchema.TERRITORY_KEY, key));
            counted.add(key);
            counted.addAll(territories.ancestors(key));
        }
        for (String key : counted) {
            doc.add(new SortedSetDocValuesFacetField(IndexSchema.territoryDim(key), key));
            if (key.startsWith("epci:")) {
                doc.add(new SortedSetDocValuesFacetField(IndexSchema.FACET_EPCI, key));
            }
            territories.name(key).ifPresent(places::add);
        }
        doc.add(new TextField(IndexSchema.PLACES, String.join("\n", places), Field.Store.NO));
        List<String> more = new ArrayList<>(places);
        if (!porteurName.isEmpty()) {
            more.add(porteurName);
        }
        more.addAll(themeTexts);
        more.addAll(strings(fields.get("partners")));
        // "montagne", "littoral"…: a query naming the kind of territory finds the sheets tagged with it.
        more.addAll(strings(fields.get("territoryTypes")));
        CatchAllAnalysis analysis = CatchAllAnalysis.of(sheet.title(), nullToEmpty(sheet.summary()), body, more);
        doc.add(new Field(IndexSchema.ALL, analysis.all(), ALL_TYPE));
        // After the catch-all field, whose analysis they are kept from.
        doc.add(new Field(IndexSchema.SPELL, analysis.words(), SPELL_TYPE));
        for (String type : strings(fields.get("territoryTypes"))) {
            doc.add(new SortedSetDocValuesFacetField(IndexSchema.FACET_TERRITORY_TYPE, type));
        }
        for (String status : strings(fields.containsKey("status") ? fields.get("status") : fields.get("maturity"))) {
            doc.add(new SortedSetDocValuesFacetField(IndexSchema.FACET_STATUS, status));
        }
        for (String year : strings(fields.containsKey("startYear") ? fields.get("startYear") : fields.get("year"))) {
            doc.add(new SortedSetDocValuesFacetField(IndexSchema.FACET_YEAR, year));
        }
        for (String target : strings(fields.get(IndexSchema.INSPIRED_BY))) {
            doc.add(new StringField(IndexSchema.INSPIRED_BY, target, Field.Store.NO));
        }
        for (String category : strings(fields.get("category"))) {
            doc.add(new SortedSetDocValuesFacetField(IndexSchema.FACET_CATEGORY, category));
        }
        return facets.build(doc);
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
