package fr.essaim.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.Test;

/**
 * The catch-all text analysed once gives each of its two fields exactly what its own analysis of its
 * own text gave: the same terms, positions and offsets for the catch-all, the same words for
 * spelling; and, within the body's length, the terms and offsets of the body analysed alone, which
 * the snippets are cut from. Checked on every sheet of the corpus and on the edges of the body.
 */
class CatchAllAnalysisTest {

    private static final Analyzer TEXT = FrenchAnalysis.text();
    private static final Analyzer WORDS = FrenchAnalysis.words();

    @Test
    void everySheetOfTheCorpusGetsTheTermsOfEachFieldAnalysedAlone() throws IOException {
        List<Path> sheets;
        try (Stream<Path> files = Files.list(Path.of("content/fiches"))) {
            sheets = files.filter(file -> file.toString().endsWith(".md")).sorted().toList();
        }
        assertFalse(sheets.isEmpty());
        for (Path sheet : sheets) {
            String source = Files.readString(sheet);
            String name = sheet.getFileName().toString();
            String summary = source.substring(0, Math.min(300, source.length()));
            assertSameAsAlone(name, summary, source, List.of("Die", "Drôme", "Communauté de communes du Diois", "6"));
        }
    }

    @Test
    void theEdgesOfTheBodyChangeNothing() throws IOException {
        assertSameAsAlone("Crèche", "", "", List.of());
        assertSameAsAlone("", "", "le l'aujourd'hui Zirond'aile", List.of("Gap"));
        assertSameAsAlone("Solid'Art d'abord", "une maison de", "de la l’épicerie qu'il ouvre de", List.of("Aix-les-Bains"));
        assertSameAsAlone("Maison", "services au public et", "et\n\nune tournée " + "a".repeat(300) + " itinérante",
                List.of("les", "de"));
        assertSameAsAlone("Titre", "Résumé : MSAP, France Services.", "Œuvre ÉCOLE 2024 n°3 d’« accueil » co-working…",
                List.of());
    }

    private static void assertSameAsAlone(String title, String summary, String body, List<String> more) throws IOException {
        List<String> everything = new ArrayList<>(List.of(body, title, summary));
        everything.addAll(more);
        String text = String.join("\n", everything);
        CatchAllAnalysis analysis = CatchAllAnalysis.of(title, summary, body, more);

        List<String> all = tokens(analysis.all());
        assertEquals(tokens(TEXT.tokenStream(IndexSchema.ALL, text)), all, title + " : catch-all");
        assertEquals(offsetsAndTerms(tokens(TEXT.tokenStream(IndexSchema.ALL, body)), body.length()),
                offsetsAndTerms(all, body.length()), title + " : body");
        assertEquals(terms(WORDS.tokenStream(IndexSchema.SPELL, body + "\n" + title + "\n" + summary)),
                terms(analysis.words()), title + " : spelling words");
    }

    /** The terms and offsets of the tokens that end within the first {@code length} characters, as a highlighter reads them. */
    private static List<String> offsetsAndTerms(List<String> tokens, int length) {
        List<String> within = new ArrayList<>();
        for (String token : tokens) {
            String[] parts = token.split(" ");
            if (parts.length == 3 && Integer.parseInt(parts[2].substring(parts[2].indexOf('-') + 1)) <= length) {
                within.add(parts[0] + " " + parts[2]);
            }
        }
        return within;
    }

    /** Each token as term, position increment and offsets, then the final offset. */
    private static List<String> tokens(TokenStream stream) throws IOException {
        List<String> tokens = new ArrayList<>();
        try (stream) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term + " +" + increment.getPositionIncrement() + " " + offset.startOffset() + "-" + offset.endOffset());
            }
            stream.end();
            tokens.add("end " + offset.endOffset());
        }
        return tokens;
    }

    private static Set<String> terms(TokenStream stream) throws IOException {
        Set<String> terms = new TreeSet<>();
        try (stream) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        }
        return terms;
    }
}
