package fr.essaim.search;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.facet.DrillSideways;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;

import fr.essaim.sheet.SheetSchema;
import fr.essaim.territory.TerritoryCatalog;

/**
 * Searches the index: words with French analysis and synonyms, multi-select facets (each facet
 * counted as if its own selection were not made, with {@link DrillSideways}), snippets, spelling
 * suggestions, related sheets and completion.
 */
public final class SearchEngine implements Closeable {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Set<String> HIT_FIELDS = Set.of(IndexSchema.SLUG, IndexSchema.KIND, IndexSchema.TITLE,
            IndexSchema.SUMMARY, IndexSchema.THEME_CODE, IndexSchema.TERRITORY_KEY, IndexSchema.UPDATED);
    /** Below this many hits, a spelling suggestion is offered. */
    private static final int FEW_HITS = 3;

    private final SearchIndex index;
    private final TerritoryCatalog territories;
    private final Analyzer queryAnalyzer;
    private final Corrections corrections = new Corrections();
    private final QueryFactory queries;
    private final Suggestions suggestions;
    private final FacetLists facetLists;

    public SearchEngine(SearchIndex index, TerritoryCatalog territories, Map<Integer, String> themeLabels,
            SheetSchema schema, SynonymMap synonyms) throws IOException {
        this.index = index;
        this.territories = territories;
        this.queryAnalyzer = FrenchAnalysis.query(synonyms);
        this.queries = new QueryFactory(queryAnalyzer);
        this.suggestions = new Suggestions(territories, themeLabels);
        this.facetLists = new FacetLists(territories, themeLabels, schema);
    }

    public SearchIndex index() {
        return index;
    }

    // ----- search

    /** Answers of the current index generation, most recently used kept: the same pages are asked again and again. */
    private record Answers(long generation, Map<SearchRequest, SearchResult> results) {
    }

    private static final int CACHED_ANSWERS = 1_000;
    /**
     * Answers every search the plain way, the reference the faster ways are checked against: counts
     * by {@link DrillSideways}, every document of the words scored, each hit's postings opened for its snippet.
     */
    private volatile boolean reference;

    void answerTheReferenceWay(boolean plain) {
        reference = plain;
    }

    private volatile Answers answers = new Answers(-1, Map.of());

    public SearchResult search(SearchRequest request) throws InvalidSearchException, IOException {
        long generation = index.generation();
        Answers current = answers;
        if (current.generation() != generation) {
            current = new Answers(generation, java.util.Collections.synchronizedMap(
                    new LinkedHashMap<SearchRequest, SearchResult>(256, 0.75f, true) {
                        @Override
                        protected boolean removeEldestEntry(Map.Entry<SearchRequest, SearchResult> eldest) {
                            return size() > CACHED_ANSWERS;
                        }
                    }));
            answers = current;
        }
        SearchResult cached = current.results().get(request);
        if (cached != null) {
            return cached;
        }
        SearchResult result = compute(request);
        if (index.generation() == generation) {
            current.results().put(request, result);
        }
        return result;
    }

    /** The answer already kept for this request by the current index generation, or null. */
    public SearchResult kept(SearchRequest request) {
        Answers current = answers;
        return current.generation() == index.generation() ? current.results().get(request) : null;
    }

    /** The answer computed afresh, without the cache. */
    public SearchResult compute(SearchRequest request) throws InvalidSearchException, IOException {
        UserQuery userQuery = UserQuery.parse(request.query());
        SearchResult result = run(request, userQuery);
        if (result.total() >= FEW_HITS || userQuery.words().isEmpty()) {
            return result;
        }
        String suggestion = spellingSuggestion(userQuery);
        if (suggestion == null) {
            return result;
        }
        if (result.total() == 0) {
            SearchResult corrected = run(request, UserQuery.parse(suggestion));
            if (corrected.total() > 0) {
                return new SearchResult(corrected.total(), corrected.page(), corrected.size(), corrected.hits(),
                        corrected.facets(), suggestion, suggestion);
            }
        }
        return new SearchResult(result.total(), result.page(), result.size(), result.hits(), result.facets(), suggestion, null);
    }

    private SearchResult run(SearchRequest request, UserQuery userQuery) throws IOException {
        Query base = queries.build(userQuery);
        Query marked = queries.forHighlighting(userQuery);
        return index.read((searcher, facetStates) -> {
            if (facetStates.main() == null) {
                return new SearchResult(0, request.page(), request.size(), List.of(), Map.of(), null, null);
            }
            FacetsConfig config = index.facetsConfig();
            Map<String, Integer> reproductions = Reproductions.needed(request) ? Reproductions.counts(searcher.getIndexReader())
                    : Map.of();
            DrillDownQuery drillDown = SearchScope.drillDown(config, request, Reproductions.filter(base, request, reproductions));
            int wanted = Math.max(1, request.page() * request.size());
            // Without words, the counts depend on the filters only: a theme page, a widget's presets.
            boolean browsing = userQuery.clauses().isEmpty() && !Reproductions.needed(request)
                    && !request.filters().containsKey(IndexSchema.INSPIRED_BY);
            FacetStates.Browsed known = browsing ? facetStates.browsed(request.filters()) : null;
            if (known != null) {
                TopDocs top = searcher.search(drillDown, wanted, SearchScope.order(request.sort(), reproductions));
                return new SearchResult(known.total(), request.page(), request.size(), hits(searcher, marked, top, request),
                        known.facets(), null, null);
            }
            if (!reference && FacetPass.handles(request.filters())) {
                boolean ranked = !userQuery.clauses().isEmpty() && request.sort() == SearchRequest.Sort.RELEVANCE;
                return onePass(searcher, facetStates, request, marked, browsing, ranked, reproductions, drillDown);
            }
            DrillSideways sideways = new DrillSideways(searcher, config, facetStates.main()) {
                @Override
                protected Facets buildFacetsResult(FacetsCollector drillDowns, FacetsCollector[] drillSideways,
                        String[] drillSidewaysDims) {
                    // Counted below in one pass per collector, each chosen dimension only over its own sideways hits.
                    return null;
                }
            };
            DrillSideways.DrillSidewaysResult found = sideways.search(drillDown, null, null, wanted, SearchScope.order(request.sort(), reproductions), false);
            int[] counts = facetStates.count(found.drillDownFacetsCollector, found.drillSidewaysFacetsCollector,
                    found.drillSidewaysDims);
            // Communes are listed only inside a chosen territory, counted on the drill-down hits.
            FacetStates.Communes communes = request.filters().containsKey(IndexSchema.FACET_TERRITORY)
                    ? facetStates.communes(found.drillDownFacetsCollector) : null;
            var facets = facetLists.of(facetStates.ordinals(), counts, communes, request);
            if (browsing) {
                facetStates.browsed(request.filters(), new FacetStates.Browsed(found.hits.totalHits.value, facets));
            }
            return new SearchResult(found.hits.totalHits.value, request.page(), request.size(),
                    hits(searcher, marked, found.hits, request), facets, null, null);
        });
    }

    /** The answer of one {@link FacetPass}: the same as that of {@link DrillSideways}, for less. */
    private SearchResult onePass(IndexSearcher searcher, FacetStates facetStates, SearchRequest request, Query marked,
            boolean browsing, boolean ranked, Map<String, Integer> reproductions, DrillDownQuery drillDown) throws IOException {
        Query words = drillDown.getBaseQuery();
        // Communes are listed only inside a chosen territory, counted on the hits.
        boolean communesShown = request.filters().containsKey(IndexSchema.FACET_TERRITORY);
        Sort sort = SearchScope.order(request.sort(), reproductions);
        int wanted = Math.max(1, request.page() * request.size());
        FacetPass.Found found;
        TopDocs top;
        if (request.size() == 0) {
            found = FacetPass.count(searcher, facetStates.ordinals(), words, request.filters(), communesShown);
            top = null;
        } else if (ranked) {
            // Counting needs every document of the words but no score; the page, searched apart, lets
            // Lucene skip the blocks of documents whose best score cannot reach it: most are scored no more.
            found = FacetPass.count(searcher, facetStates.ordinals(), words, request.filters(), communesShown);
            top = searcher.search(drillDown, new TopFieldCollectorManager(sort, wanted, wanted));
        } else {
            found = FacetPass.search(searcher, facetStates.ordinals(), words, request.filters(), sort, wanted, communesShown);
            top = found.top();
        }
        FacetStates.Communes communes = communesShown ? facetStates.communes(found.hits()) : null;
        var facets = facetLists.of(facetStates.ordinals(), found.counts(), communes, request);
        if (browsing) {
            facetStates.browsed(request.filters(), new FacetStates.Browsed(found.total(), facets));
        }
        return new SearchResult(found.total(), request.page(), request.size(), hits(searcher, marked, top, request),
                facets, null, null);
    }

    /**
     * Every hit of a search, not one page, in batches read one after the other: the whole result
     * goes out without being held.
     */
    public void scan(SearchRequest request, int batch, SearchScope.SlugBatches consumer)
            throws InvalidSearchException, IOException {
        SearchScope.scan(index, queries.build(UserQuery.parse(request.query())), request, batch, consumer);
    }

    /** Which of the given published sheets the search finds: for alerts on what changed. */
    public List<SearchResult.Hit> among(SearchRequest request, java.util.Collection<String> slugs)
            throws InvalidSearchException, IOException {
        return SearchScope.among(index, queries.build(UserQuery.parse(request.query())), request, slugs,
                doc -> hit(HitRecord.of(doc), ""), HIT_FIELDS);
    }

    private List<SearchResult.Hit> hits(IndexSearcher searcher, Query query, TopDocs top, SearchRequest request)
            throws IOException {
        int from = (request.page() - 1) * request.size();
        if (request.size() == 0 || from >= top.scoreDocs.length) {
            return List.of();
        }
        ScoreDoc[] page = java.util.Arrays.copyOfRange(top.scoreDocs, from,
                Math.min(top.scoreDocs.length, from + request.size()));
        // Each hit is read once, from its doc value, for what the hit shows and for its snippet.
        int[] ids = new int[page.length];
        for (int i = 0; i < page.length; i++) {
            ids[i] = page[i].doc;
        }
        HitRecord[] records = HitRecord.read(searcher.getIndexReader(), ids);
        Map<Integer, HitRecord> byId = new java.util.HashMap<>();
        for (int i = 0; i < page.length; i++) {
            byId.put(ids[i], records[i]);
        }
        String[] snippets = Snippets.of(searcher, queryAnalyzer, query, ids, byId, !reference);
        List<SearchResult.Hit> hits = new ArrayList<>();
        for (int i = 0; i < page.length; i++) {
            hits.add(hit(records[i], snippets[i]));
        }
        return hits;
    }

    private SearchResult.Hit hit(HitRecord record, String snippet) {
        List<SearchResult.Theme> themes = new ArrayList<>();
        for (String code : record.themeCodes()) {
            themes.add(new SearchResult.Theme(code, facetLists.themeLabel(code)));
        }
        List<SearchResult.Place> places = new ArrayList<>();
        for (String key : record.territoryKeys()) {
            territories.find(key).ifPresent(t -> places.add(new SearchResult.Place(key, t.code(), t.level(), t.name())));
        }
        return new SearchResult.Hit(record.slug(), record.title(), record.kind(), record.summary(),
                snippet == null ? "" : snippet, themes, places,
                Instant.ofEpochMilli(record.updated()).atZone(PARIS).toOffsetDateTime(), "/fiches/" + record.slug());
    }

    /** How many published sheets have each value of a facet, over the whole index. */
    public Map<String, Long> countAll(String dim) throws IOException {
        return index.read((searcher, facetStates) -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            if (facetStates.main() == null) {
                return counts;
            }
            var collected = searcher.search(new org.apache.lucene.search.MatchAllDocsQuery(),
                    new org.apache.lucene.facet.FacetsCollectorManager());
            try {
                Facets all = facetStates.countAll(collected);
                List<String> dims = dim.equals(IndexSchema.FACET_TERRITORY)
                        ? List.of(dim, IndexSchema.FACET_TERRITORY_LOCAL) : List.of(dim);
                for (String indexDim : dims) {
                    FacetResult result = all.getAllChildren(indexDim);
                    if (result != null) {
                        for (LabelAndValue value : result.labelValues) {
                            counts.put(value.label, value.value.longValue());
                        }
                    }
                }
            } catch (IllegalArgumentException e) {
                // no sheet has this facet yet
            }
            return counts;
        });
    }

    // ----- spelling

    /** The query with its unknown words replaced by the closest known ones, or null if none is unknown. */
    String spellingSuggestion(UserQuery userQuery) throws IOException {
        return index.read((searcher, facets) -> corrections.of(searcher, userQuery.words(), queries::word));
    }

    // ----- related sheets

    /** Sheets close to this one: similar words, weighted by shared themes and territories. */
    public List<SearchResult.Hit> related(String slug, int count) throws IOException {
        return index.read((searcher, facets) -> {
            TopDocs self = searcher.search(new TermQuery(new Term(IndexSchema.SLUG, slug)), 1);
            if (self.scoreDocs.length == 0) {
                return List.of();
            }
            int docId = self.scoreDocs[0].doc;
            HitRecord record = HitRecord.read(searcher.getIndexReader(), new int[] {docId})[0];
            MoreLikeThis similar = new MoreLikeThis(searcher.getIndexReader());
            similar.setAnalyzer(SearchIndex.indexAnalyzer());
            similar.setFieldNames(new String[] {IndexSchema.TITLE, IndexSchema.SUMMARY, IndexSchema.ALL});
            similar.setMinTermFreq(1);
            similar.setMinDocFreq(2);
            similar.setMaxQueryTerms(30);
            BooleanQuery.Builder query = new BooleanQuery.Builder();
            // The body is not stored: its words come from the hit record, weighed by the catch-all field that holds them.
            Map<String, java.util.Collection<Object>> texts = Map.of(IndexSchema.TITLE, List.of(record.title()),
                    IndexSchema.SUMMARY, List.of(record.summary()), IndexSchema.ALL, List.of(record.body()));
            query.add(similar.like(texts), BooleanClause.Occur.SHOULD);
            FacetsConfig config = index.facetsConfig();
            for (String code : record.themeCodes()) {
                query.add(new BoostQuery(new TermQuery(IndexSchema.drillDownTerm(config, IndexSchema.FACET_THEME, code)), 0.5f),
                        BooleanClause.Occur.SHOULD);
            }
            for (String key : record.territoryKeys()) {
                List<String> keys = new ArrayList<>(territories.ancestors(key));
                keys.add(key);
                for (String place : keys) {
                    if (!place.startsWith("region:")) {
                        query.add(new BoostQuery(new TermQuery(IndexSchema.drillDownTerm(config, IndexSchema.territoryDim(place), place)),
                                0.7f), BooleanClause.Occur.SHOULD);
                    }
                }
            }
            query.add(new TermQuery(new Term(IndexSchema.SLUG, slug)), BooleanClause.Occur.MUST_NOT);
            TopDocs top = searcher.search(query.build(), count);
            int[] ids = java.util.Arrays.stream(top.scoreDocs).mapToInt(scoreDoc -> scoreDoc.doc).toArray();
            List<SearchResult.Hit> hits = new ArrayList<>();
            for (HitRecord related : HitRecord.read(searcher.getIndexReader(), ids)) {
                hits.add(hit(related, ""));
            }
            return hits;
        });
    }

    // ----- completion

    public List<Completion> suggest(String typed, int count) throws IOException {
        return suggestions.lookup(typed, count, this::isPublished);
    }

    private boolean isPublished(String slug) {
        try {
            return index.read((searcher, facets) -> searcher.count(new TermQuery(new Term(IndexSchema.SLUG, slug))) > 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rebuilds the completion list from the index as it is now. */
    public void refreshSuggestions() throws IOException {
        index.read((searcher, facets) -> {
            suggestions.rebuild(searcher, facets);
            return null;
        });
    }

    /** Makes sheets just published complete at once, until the next rebuild of the list. */
    public void addSuggestions(List<IndexedSheet> published) throws IOException {
        suggestions.add(published);
    }

    @Override
    public void close() throws IOException {
        suggestions.close();
        index.close();
    }
}
