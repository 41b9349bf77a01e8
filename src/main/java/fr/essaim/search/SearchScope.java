package fr.essaim.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.apache.lucene.document.Document;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

/** What a search request selects and in which order, for one page as for a walk over every hit. */
public final class SearchScope {

    private SearchScope() {
    }

    /** The words of a search narrowed by its facet values (OR within a facet, AND across facets). */
    static DrillDownQuery drillDown(FacetsConfig config, SearchRequest request, Query base) {
        DrillDownQuery drillDown = new DrillDownQuery(config, base);
        request.filters().forEach((dim, values) -> {
            if (!IndexSchema.FACETS.contains(dim)) {
                return;
            }
            if (dim.equals(IndexSchema.FACET_TERRITORY)) {
                // Territory keys live in two dimensions; the filter is one OR over both.
                BooleanQuery.Builder places = new BooleanQuery.Builder();
                values.forEach(value -> places.add(new TermQuery(IndexSchema.drillDownTerm(config,
                        IndexSchema.territoryDim(value), value)), BooleanClause.Occur.SHOULD));
                drillDown.add(dim, places.build());
            } else {
                values.forEach(value -> drillDown.add(dim, value));
            }
        });
        return drillDown;
    }

    /**
     * Ties are broken by title, not by the order sheets happened to be indexed in: a rebuilt index
     * answers in the same order, and equal answers read alphabetically. "Most recent" means the most
     * recent facts (sources, observed status), then the latest edit: an import does not make old facts new.
     */
    static Sort order(SearchRequest.Sort sort, Map<String, Integer> reproductions) {
        SortField byTitle = new SortField(IndexSchema.TITLE_SORT, SortField.Type.STRING);
        return switch (sort) {
            case RELEVANCE -> new Sort(SortField.FIELD_SCORE, byTitle);
            case DATE -> new Sort(new SortField(IndexSchema.INFORMATION_YEAR, SortField.Type.LONG, true),
                    new SortField(IndexSchema.UPDATED, SortField.Type.LONG, true), SortField.FIELD_SCORE, byTitle);
            case TITLE -> new Sort(byTitle, SortField.FIELD_SCORE);
            case REPRODUCTIONS -> new Sort(Reproductions.sortField(reproductions), SortField.FIELD_SCORE, byTitle);
            case LATEST -> new Sort(new SortField(IndexSchema.UPDATED, SortField.Type.LONG, true), SortField.FIELD_SCORE, byTitle);
        };
    }

    /** Receives the slugs of a search's hits, a batch at a time, in the order of the search. */
    @FunctionalInterface
    public interface SlugBatches {
        void accept(List<String> slugs) throws IOException;
    }

    /**
     * Every hit of a search, not one page, in batches read one after the other (search after the
     * last one): the whole result goes out without being held. The spelling correction the page
     * would apply is the caller's choice of query.
     */
    static void scan(SearchIndex index, Query base, SearchRequest request, int batch, SlugBatches consumer)
            throws IOException {
        ScoreDoc after = null;
        while (true) {
            ScoreDoc from = after;
            List<Object> page = index.read((searcher, facetStates) -> {
                if (facetStates.main() == null) {
                    return List.of();
                }
                Map<String, Integer> reproductions = Reproductions.needed(request)
                        ? Reproductions.counts(searcher.getIndexReader()) : Map.of();
                Query query = drillDown(index.facetsConfig(), request, Reproductions.filter(base, request, reproductions));
                Sort sort = order(request.sort(), reproductions);
                TopDocs top = from == null ? searcher.search(query, batch, sort, true)
                        : searcher.searchAfter(from, query, batch, sort, true);
                List<String> slugs = new ArrayList<>();
                var stored = searcher.storedFields();
                for (ScoreDoc doc : top.scoreDocs) {
                    slugs.add(stored.document(doc.doc, Set.of(IndexSchema.SLUG)).get(IndexSchema.SLUG));
                }
                return List.of(slugs, top.scoreDocs.length == 0 ? new ScoreDoc[0] : top.scoreDocs);
            });
            if (page.isEmpty()) {
                return;
            }
            @SuppressWarnings("unchecked")
            List<String> slugs = (List<String>) page.get(0);
            ScoreDoc[] docs = (ScoreDoc[]) page.get(1);
            if (!slugs.isEmpty()) {
                consumer.accept(slugs);
            }
            if (docs.length < batch) {
                return;
            }
            after = docs[docs.length - 1];
        }
    }

    /**
     * Which of the given published sheets the search finds, by the very query of a page of results
     * (words and filters) narrowed to those sheets: for alerts on what changed.
     */
    static List<SearchResult.Hit> among(SearchIndex index, Query base, SearchRequest request, Collection<String> slugs,
            Function<Document, SearchResult.Hit> hit, Set<String> fields) throws IOException {
        if (slugs.isEmpty()) {
            return List.of();
        }
        return index.read((searcher, facetStates) -> {
            if (facetStates.main() == null) {
                return List.<SearchResult.Hit>of();
            }
            Map<String, Integer> reproductions = Reproductions.needed(request)
                    ? Reproductions.counts(searcher.getIndexReader()) : Map.of();
            BooleanQuery.Builder narrowed = new BooleanQuery.Builder()
                    .add(drillDown(index.facetsConfig(), request, Reproductions.filter(base, request, reproductions)),
                            BooleanClause.Occur.MUST)
                    .add(new TermInSetQuery(IndexSchema.SLUG,
                            slugs.stream().map(BytesRef::new).toList()), BooleanClause.Occur.FILTER);
            TopDocs top = searcher.search(narrowed.build(), slugs.size(),
                    new Sort(new SortField(IndexSchema.TITLE_SORT, SortField.Type.STRING)));
            List<SearchResult.Hit> hits = new ArrayList<>();
            var stored = searcher.storedFields();
            for (ScoreDoc doc : top.scoreDocs) {
                hits.add(hit.apply(stored.document(doc.doc, fields)));
            }
            return hits;
        });
    }
}
