package fr.essaim.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.function.Function;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

/**
 * A correction found once is given again by the same reader, and found afresh by the next one; a
 * word the sheets hold outside their text (a place) is not corrected.
 */
class CorrectionsTest {

    private static final Function<String, Query> WORD = new QueryFactory(FrenchAnalysis.text())::word;

    @Test
    void aCorrectionFollowsTheWordsOfTheReaderItIsAskedOf() throws Exception {
        Corrections corrections = new Corrections();
        try (Directory directory = new ByteBuffersDirectory();
                IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(SearchIndex.indexAnalyzer()))) {
            add(writer, "L'itinérance des services publics en montagne", "Itinérance\nMontagnac\nHérault");
            try (DirectoryReader first = DirectoryReader.open(writer)) {
                assertEquals("itinerance services", corrections.of(new IndexSearcher(first), List.of("itinérence", "services"), WORD));
                assertEquals("itinerance services", corrections.of(new IndexSearcher(first), List.of("itinérence", "services"), WORD),
                        "the same reader, the same correction");
                assertNull(corrections.of(new IndexSearcher(first), List.of("zzqxw", "services"), WORD), "nothing close: no correction");
                assertNull(corrections.of(new IndexSearcher(first), List.of("zzqxw"), WORD), "nothing close, asked again");

                assertNull(corrections.of(new IndexSearcher(first), List.of("Montagnac"), WORD), "the commune of a sheet finds it as it is");
                assertEquals("itinerance Montagnac", corrections.of(new IndexSearcher(first), List.of("itinérence", "Montagnac"), WORD));

                add(writer, "Une itinérence écrite ainsi par une fiche publiée depuis", "");
                try (DirectoryReader second = DirectoryReader.openIfChanged(first)) {
                    assertNull(corrections.of(new IndexSearcher(second), List.of("itinérence"), WORD), "a word of the sheets is not corrected");
                }
            }
        }
    }

    private static void add(IndexWriter writer, String text, String places) throws Exception {
        Document doc = new Document();
        doc.add(new TextField(IndexSchema.SPELL, text, Field.Store.NO));
        doc.add(new TextField(IndexSchema.ALL, text + "\n" + places, Field.Store.NO));
        writer.addDocument(doc);
    }
}
