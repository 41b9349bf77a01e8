package fr.essaim.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

/** A correction found once is given again by the same reader, and found afresh by the next one. */
class CorrectionsTest {

    @Test
    void aCorrectionFollowsTheWordsOfTheReaderItIsAskedOf() throws Exception {
        Corrections corrections = new Corrections();
        try (Directory directory = new ByteBuffersDirectory();
                IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(FrenchAnalysis.words()))) {
            add(writer, "L'itinérance des services publics en montagne");
            try (DirectoryReader first = DirectoryReader.open(writer)) {
                assertEquals("itinerance services", corrections.of(first, List.of("itinérence", "services")));
                assertEquals("itinerance services", corrections.of(first, List.of("itinérence", "services")),
                        "the same reader, the same correction");
                assertNull(corrections.of(first, List.of("zzqxw", "services")), "nothing close: no correction");
                assertNull(corrections.of(first, List.of("zzqxw")), "nothing close, asked again");

                add(writer, "Une itinérence écrite ainsi par une fiche publiée depuis");
                try (DirectoryReader second = DirectoryReader.openIfChanged(first)) {
                    assertNull(corrections.of(second, List.of("itinérence")), "a word of the sheets is not corrected");
                }
            }
        }
    }

    private static void add(IndexWriter writer, String text) throws Exception {
        Document doc = new Document();
        doc.add(new TextField(IndexSchema.SPELL, text, Field.Store.NO));
        writer.addDocument(doc);
    }
}
