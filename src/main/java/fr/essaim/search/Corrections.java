package fr.essaim.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;

/**
 * Spelling corrections: each unknown word replaced by the closest word of the sheets. Finding it
 * builds Levenshtein automata and walks the terms, the dearest step of a search that needs it, so
 * the correction of a word is kept for as long as the reader it was found in serves: the same
 * typos come back again and again. A word the sheets do not write but hold elsewhere (the name
 * of their commune, of a partner) is not corrected: it finds them as it is.
 */
final class Corrections {

    /** Words kept per reader at most: enough for a day of typos, a bounded share of the heap. */
    private static final int KEPT = 20_000;

    /** Keyed by the reader's cache key, not the reader: a closed reader is not held until the next correction. */
    private record Kept(IndexReader.CacheKey reader, Map<String, Optional<String>> words) {
    }

    private final Analyzer wordAnalyzer = FrenchAnalysis.words();
    private volatile Kept kept = new Kept(null, Map.of());

    /**
     * The words with the unknown ones corrected, or null if none is unknown or none has a correction;
     * {@code asSearched} gives the query of one word as the search builds it.
     */
    String of(IndexSearcher searcher, List<String> words, Function<String, Query> asSearched) throws IOException {
        IndexReader reader = searcher.getIndexReader();
        Map<String, Optional<String>> known = keptFor(reader);
        List<String> corrected = new ArrayList<>();
        boolean changed = false;
        for (String word : words) {
            String normalized = wordAnalyzer.normalize(IndexSchema.SPELL, word).utf8ToString();
            Term term = new Term(IndexSchema.SPELL, normalized);
            if (normalized.length() < 3 || reader.docFreq(term) > 0) {
                corrected.add(word);
                continue;
            }
            Optional<String> correction = known.get(normalized);
            if (correction == null) {
                correction = findsAsIs(searcher, asSearched.apply(word)) ? Optional.empty() : closest(reader, term);
                if (known.size() >= KEPT) {
                    known.clear();
                }
                known.put(normalized, correction);
            }
            corrected.add(correction.orElse(word));
            changed |= correction.isPresent();
        }
        return changed ? String.join(" ", corrected) : null;
    }

    /** Whether the word, searched as typed, finds sheets: through their places, partners or themes. */
    private static boolean findsAsIs(IndexSearcher searcher, Query asSearched) throws IOException {
        return asSearched != null && searcher.count(asSearched) > 0;
    }

    private Map<String, Optional<String>> keptFor(IndexReader reader) {
        IndexReader.CacheHelper helper = reader.getReaderCacheHelper();
        if (helper == null) {
            return new ConcurrentHashMap<>();
        }
        Kept current = kept;
        if (current.reader() != helper.getKey()) {
            current = new Kept(helper.getKey(), new ConcurrentHashMap<>());
            kept = current;
        }
        return current.words();
    }

    private static Optional<String> closest(IndexReader reader, Term term) throws IOException {
        SuggestWord[] similar = new DirectSpellChecker().suggestSimilar(term, 1, reader, SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX);
        return similar.length > 0 ? Optional.of(similar[0].string) : Optional.empty();
    }
}
