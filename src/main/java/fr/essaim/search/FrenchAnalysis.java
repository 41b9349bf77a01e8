package fr.essaim.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.util.ElisionFilter;

/**
 * French text analysis: "l'itinérance" → itinerance, "Préfectures" and "prefecture" → the same
 * term. The query side adds the synonyms of {@code synonymes.txt} (MSAP ↔ France Services, …).
 */
public final class FrenchAnalysis {

    public static final String SYNONYMS = "essaim/synonymes.txt";

    private FrenchAnalysis() {
    }

    /** For indexing: elision, lower case, stop words, light stemming, accent folding. */
    public static Analyzer text() {
        return new TextAnalyzer(null);
    }

    /** For queries: the same, plus synonyms. */
    public static Analyzer query(SynonymMap synonyms) {
        return new TextAnalyzer(synonyms);
    }

    /** Words as typed, folded but not stemmed: for spelling suggestions and completion. */
    public static Analyzer words() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                TokenStream stream = lowerCaseWords(source);
                stream = new AsciiFolding.Filter(stream);
                return new TokenStreamComponents(source, stream);
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new AsciiFolding.Filter(new LowerCaseFilter(in));
            }
        };
    }

    public static SynonymMap synonymsFromClasspath() {
        try (InputStream in = FrenchAnalysis.class.getClassLoader().getResourceAsStream(SYNONYMS)) {
            if (in == null) {
                return new SynonymMap.Builder().build();
            }
            SolrSynonymParser parser = new SolrSynonymParser(true, true, text());
            parser.parse(new InputStreamReader(in, StandardCharsets.UTF_8));
            return parser.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new IllegalStateException("synonymes illisibles, ligne " + e.getErrorOffset() + " : " + e.getMessage(), e);
        }
    }

    private static final class TextAnalyzer extends Analyzer {
        private final SynonymMap synonyms;

        TextAnalyzer(SynonymMap synonyms) {
            this.synonyms = synonyms;
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream stream = text(lowerCaseWords(source));
            if (synonyms != null && synonyms.fst != null) {
                stream = new SynonymGraphFilter(stream, synonyms, true);
            }
            return new TokenStreamComponents(source, stream);
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new AsciiFolding.Filter(new LowerCaseFilter(in));
        }
    }

    /** The indexed terms of French words (see {@link #lowerCaseWords}): stop words out, light stemming, accent folding. */
    static TokenStream text(TokenStream words) {
        TokenStream stream = new StopFilter(words, FrenchAnalyzer.getDefaultStopSet());
        stream = new ClosePositionGapsFilter(stream);
        stream = new FrenchLightStemFilter(stream);
        return new AsciiFolding.Filter(stream);
    }

    /** French words without their elided article, in lower case, apostrophes joined as readers type them. */
    static TokenStream lowerCaseWords(Tokenizer source) {
        TokenStream stream = new ElisionFilter(source, FrenchAnalyzer.DEFAULT_ARTICLES);
        stream = new LowerCaseFilter(stream);
        return new JoinedApostropheFilter(stream);
    }
}
