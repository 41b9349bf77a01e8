package fr.essaim.api;

import java.io.IOException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import fr.essaim.essaimage.SearchGaps;
import fr.essaim.search.InvalidSearchException;
import fr.essaim.search.SearchRequest;
import fr.essaim.search.SearchResult;
import fr.essaim.search.SearchService;
import fr.essaim.shared.EntityTags;

/**
 * The search API's answers that the search engine already keeps, given straight from the servlet
 * filters, with the very bytes and headers {@link SearchResource} gives them: widgets and partner
 * sites ask the same searches again and again, and the REST layer's routing, injection and
 * negotiation cost more than the answer itself (and kept the compiler busy for half a minute after
 * each start). Everything else — an answer to compute, CSV, HEAD, a refused request — goes on to
 * the REST resource.
 */
public class KeptSearchAnswers extends HttpFilter {

    static final String PATH = "/api/v1/search";
    /** As the REST layer writes {@link Cached#publicFor} for a search. */
    private static final String CACHE_CONTROL = Cached.publicFor(SearchResource.SEARCH_MAX_AGE).toString();

    /** Mapped after every declared filter (start, security headers, redirects), which therefore still apply. */
    @WebListener
    public static class Registration implements ServletContextListener {
        @Override
        public void contextInitialized(ServletContextEvent event) {
            event.getServletContext().addFilter("kept-search-answers", KeptSearchAnswers.class)
                    .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, PATH);
        }
    }

    @Inject
    SearchService search;

    @Inject
    SearchGaps gaps;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        SearchRequest asked = jsonSearch(request);
        SearchResult result = asked == null ? null : search.kept(asked);
        if (result == null) {
            chain.doFilter(request, response);
            return;
        }
        if (asked.size() > 0) {
            gaps.searched(asked.query(), !asked.filters().isEmpty(), asked.page(), result.total(), request);
        }
        Cached.Body body = SearchResource.bodyOf(result);
        String tag = body.tag().toString();
        response.setHeader("ETag", tag);
        response.setHeader("Cache-Control", CACHE_CONTROL);
        response.setHeader("Vary", SearchResource.VARY);
        CorsFilter.allowPublicRead(response::setHeader);
        if (EntityTags.held(request.getHeader("If-None-Match"), tag)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setContentType(Cached.JSON.toString());
        response.setContentLength(body.bytes().length);
        response.getOutputStream().write(body.bytes());
    }

    /** The search of a plain GET that wants JSON; null for anything the REST resource must decide. */
    static SearchRequest jsonSearch(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        if (!"GET".equals(request.getMethod()) || request.getParameter("format") != null
                || accept != null && !(accept.contains("*/*") || accept.contains("application/json") || accept.contains("application/*"))
                || accept != null && accept.contains("csv")) {
            return null;
        }
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> parameters.put(name, List.of(values)));
        try {
            return SearchRequest.parse(parameters, SearchResource.DEFAULT_SIZE);
        } catch (InvalidSearchException e) {
            return null;
        }
    }
}
