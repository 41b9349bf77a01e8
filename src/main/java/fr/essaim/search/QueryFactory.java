package fr.essaim.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;

/**
 * Turns a {@link UserQuery} into a Lucene query. Short queries need every word somewhere in the sheet
 * (all its text is in one field); longer ones, typed as sentences, degrade in steps: sheets with all
 * the words first, then those missing one, then those with at least half of them. Matches in the
 * title, summary, places, porteur and themes rank higher, and a sentence prefers experiences.
 */
final class QueryFactory {

    private static final Map<String, Float> BOOSTS = Map.of(
            IndexSchema.TITLE, 4f,
            IndexSchema.SUMMARY, 2f,
            IndexSchema.PLACES, 1.5f,
            IndexSchema.PORTEUR, 1.5f,
            IndexSchema.THEME_LABELS, 1.5f);

    /** Scores added by step, large enough that a sheet of a higher step always ranks above one of a lower step. */
    private static final float ALL_WORDS = 1000f;
    private static final float ALL_BUT_ONE = 100f;
    /** From this many words a query describes a situation: experiences, which tell what was done, come first. */
    private static final int SENTENCE = 3;
    private static final float EXPERIENCE = 3f;

    private final Analyzer analyzer;
    private final QueryBuilder builder;

    QueryFactory(Analyzer queryAnalyzer) {
        this.analyzer = queryAnalyzer;
        this.builder = new QueryBuilder(queryAnalyzer);
        builder.setAutoGenerateMultiTermSynonymsPhraseQuery(true);
    }

    Query build(UserQuery userQuery) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        boolean required = false;
        List<String> positive = new ArrayList<>();
        for (UserQuery.Clause clause : userQuery.clauses()) {
            Query matching = withAlternatives(clause);
            if (matching == null) {
                continue;
            }
            if (clause.excluded()) {
                query.add(matching, BooleanClause.Occur.MUST_NOT);
            } else {
                query.add(matching, BooleanClause.Occur.MUST);
                required = true;
                positive.add(clause.text());
                clause.alternatives().forEach(alternative -> positive.add(alternative.text()));
            }
        }
        if (!required) {
            query.add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST);
        }
        String text = String.join(" ", positive);
        if (wordCount(text) >= SENTENCE) {
            Query experiences = new ConstantScoreQuery(new TermQuery(new Term(IndexSchema.KIND, "experience")));
            query.add(new BoostQuery(experiences, EXPERIENCE), BooleanClause.Occur.SHOULD);
        }
        for (Map.Entry<String, Float> boost : BOOSTS.entrySet()) {
            Query boosted = builder.createBooleanQuery(boost.getKey(), text, BooleanClause.Occur.SHOULD);
            if (boosted != null) {
                query.add(new BoostQuery(boosted, boost.getValue()), BooleanClause.Occur.SHOULD);
            }
        }
        return query.build();
    }

    /**
     * The words to mark in the snippets, as a query on the text fields themselves: snippets are then
     * cut from the offsets stored in the index, without analysing the text again.
     */
    Query forHighlighting(UserQuery userQuery) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (UserQuery.Clause clause : userQuery.clauses()) {
            if (clause.excluded()) {
                continue;
            }
            List<UserQuery.Clause> all = new ArrayList<>(clause.alternatives());
            all.add(clause);
            for (UserQuery.Clause part : all) {
                for (String field : List.of(IndexSchema.ALL, IndexSchema.SUMMARY)) {
                    Query marked = switch (part.kind()) {
                        case PHRASE -> builder.createPhraseQuery(field, part.text());
                        case PREFIX -> new PrefixQuery(new Term(field, analyzer.normalize(field, part.text())));
                        case WORDS -> builder.createBooleanQuery(field, part.text(), BooleanClause.Occur.SHOULD);
                    };
                    if (marked != null) {
                        query.add(marked, BooleanClause.Occur.SHOULD);
                    }
                }
            }
        }
        return query.build();
    }

    private Query withAlternatives(UserQuery.Clause clause) {
        Query first = single(clause);
        if (clause.alternatives().isEmpty()) {
            return first;
        }
        BooleanQuery.Builder either = new BooleanQuery.Builder();
        if (first != null) {
            either.add(first, BooleanClause.Occur.SHOULD);
        }
        for (UserQuery.Clause alternative : clause.alternatives()) {
            Query other = single(alternative);
            if (other != null) {
                either.add(other, BooleanClause.Occur.SHOULD);
            }
        }
        BooleanQuery built = either.build();
        return built.clauses().isEmpty() ? null : built;
    }

    /**
     * All the words, ideally; from three words on, a sheet with at least half of them still comes, after
     * those that have them all and those missing only one — people describe what they look for in more
     * words than the sheet uses.
     */
    private Query words(String text) {
        Query strict = word(text);
        Query loose = builder.createBooleanQuery(IndexSchema.ALL, text, BooleanClause.Occur.SHOULD);
        if (strict == null || !(loose instanceof BooleanQuery any) || any.clauses().size() < SENTENCE
                || any.clauses().stream().anyMatch(c -> c.getOccur() != BooleanClause.Occur.SHOULD)) {
            return strict;
        }
        int n = any.clauses().size();
        return new BooleanQuery.Builder()
                .add(atLeast(any, (n + 1) / 2), BooleanClause.Occur.MUST)
                .add(new BoostQuery(new ConstantScoreQuery(strict), ALL_WORDS), BooleanClause.Occur.SHOULD)
                .add(new BoostQuery(new ConstantScoreQuery(atLeast(any, n - 1)), ALL_BUT_ONE), BooleanClause.Occur.SHOULD)
                .build();
    }

    /** Every term of the text, wherever in the sheet: one word as a search of it alone looks for it. */
    Query word(String text) {
        return builder.createBooleanQuery(IndexSchema.ALL, text, BooleanClause.Occur.MUST);
    }

    private static Query atLeast(BooleanQuery words, int count) {
        BooleanQuery.Builder some = new BooleanQuery.Builder();
        words.clauses().forEach(some::add);
        return some.setMinimumNumberShouldMatch(count).build();
    }

    /** The number of words the analyzer keeps (stop words left out), as the query on the catch-all field sees them. */
    private int wordCount(String text) {
        Query analysed = builder.createBooleanQuery(IndexSchema.ALL, text, BooleanClause.Occur.SHOULD);
        return analysed instanceof BooleanQuery words ? words.clauses().size() : analysed == null ? 0 : 1;
    }

    private Query single(UserQuery.Clause clause) {
        return switch (clause.kind()) {
            case WORDS -> words(clause.text());
            case PHRASE -> builder.createPhraseQuery(IndexSchema.ALL, clause.text());
            case PREFIX -> {
                BytesRef normalized = analyzer.normalize(IndexSchema.ALL, clause.text());
                yield new PrefixQuery(new Term(IndexSchema.ALL, normalized));
            }
        };
    }
}
