package fr.essaim.partner;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MultivaluedMap;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndCategoryImpl;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndLinkImpl;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.feed.synd.SyndPersonImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;

import fr.essaim.opendata.FeedLicences;
import fr.essaim.search.InvalidSearchException;
import fr.essaim.search.SearchRequest;
import fr.essaim.search.SearchResult;
import fr.essaim.search.SearchService;
import fr.essaim.sheet.SheetService;

/** Atom feed of the latest published sheets, narrowed by the same parameters as the search. */
@WebServlet("/feeds/fiches.atom")
public class FeedServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(FeedServlet.class.getName());

    static final int ENTRIES = 50;

    private static final String KIND_SCHEME = "https://essaim.fr/kind";

    @Inject
    SearchService search;

    @Inject
    SheetService sheets;

    @Inject
    FeedLicences licences;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        MultivaluedMap<String, String> parameters = PartnerAnswers.parameters(request);
        parameters.remove("sort");
        parameters.remove("page");
        parameters.putSingle("sort", "date");
        parameters.putSingle("size", String.valueOf(Math.min(size(parameters.getFirst("size")), ENTRIES)));
        SearchResult result;
        try {
            result = search.search(SearchRequest.parse(parameters, ENTRIES).withSort(SearchRequest.Sort.LATEST));
        } catch (InvalidSearchException e) {
            PartnerAnswers.refuse(response, 400, e.getMessage());
            return;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Flux indisponible : index de recherche pas encore ouvert", e);
            response.setHeader("Retry-After", "10");
            PartnerAnswers.refuse(response, 503, "Le flux est momentanément indisponible : l'index de recherche s'ouvre.");
            return;
        }
        String origin = PartnerAnswers.origin(request);
        String query = request.getQueryString();
        String self = origin + "/feeds/fiches.atom" + (query == null || query.isEmpty() ? "" : "?" + query);
        SyndFeed feed = feed(result, origin, self, query,
                kind -> sheets.schema().kind(kind).map(k -> k.label()).orElse(kind));
        licences.addTo(feed);
        response.setContentType("application/atom+xml;charset=UTF-8");
        PartnerAnswers.publicFor(response, 300);
        try {
            new SyndFeedOutput().output(feed, response.getWriter());
        } catch (FeedException e) {
            throw new IOException("flux Atom impossible à écrire", e);
        }
    }

    private static int size(String requested) {
        try {
            return requested == null ? 20 : Math.max(1, Integer.parseInt(requested.strip()));
        } catch (NumberFormatException e) {
            return 20;
        }
    }

    static SyndFeed feed(SearchResult result, String origin, String self, String query, UnaryOperator<String> kindLabel) {
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType("atom_1.0");
        feed.setUri(self);
        feed.setTitle(query == null || query.isEmpty() ? "Essaim — dernières fiches publiées"
                : "Essaim — dernières fiches publiées (sélection)");
        feed.setDescription("Fiches expérience, vade-mecums, cartes innovation et notions des services publics territoriaux");
        feed.setLanguage("fr");
        SyndPerson author = author(origin);
        feed.setAuthors(List.of(author));
        SyndLink selfLink = new SyndLinkImpl();
        selfLink.setRel("self");
        selfLink.setType("application/atom+xml");
        selfLink.setHref(self);
        SyndLink page = new SyndLinkImpl();
        page.setRel("alternate");
        page.setType("text/html");
        page.setHref(origin + "/recherche" + (query == null || query.isEmpty() ? "" : "?" + query));
        feed.setLinks(List.of(selfLink, page));
        List<SyndEntry> entries = new ArrayList<>();
        Date latest = new Date(0);
        for (SearchResult.Hit hit : result.hits()) {
            SyndEntry entry = new SyndEntryImpl();
            String url = origin + hit.url();
            entry.setUri(url);
            entry.setLink(url);
            entry.setTitle(hit.title());
            entry.setAuthors(List.of(author));
            SyndContent summary = new SyndContentImpl();
            summary.setType("text");
            summary.setValue(hit.summary() == null ? "" : hit.summary());
            entry.setDescription(summary);
            Date updated = Date.from(hit.updated().toInstant());
            entry.setUpdatedDate(updated);
            entry.setPublishedDate(updated);
            if (updated.after(latest)) {
                latest = updated;
            }
            List<SyndCategory> categories = new ArrayList<>();
            categories.add(category(hit.kind(), kindLabel.apply(hit.kind()), origin + "/recherche?kind="));
            hit.themes().forEach(t -> categories.add(category(t.code(), t.label(), origin + "/recherche?theme=")));
            hit.territories().forEach(p -> categories.add(category(p.key(), p.name(), origin + "/recherche?territory=")));
            entry.setCategories(categories);
            entries.add(entry);
        }
        feed.setEntries(entries);
        feed.setPublishedDate(latest);
        return feed;
    }

    private static SyndPerson author(String origin) {
        SyndPerson author = new SyndPersonImpl();
        author.setName("Essaim");
        author.setUri(origin + "/");
        return author;
    }

    private static SyndCategory category(String term, String label, String scheme) {
        SyndCategory category = new SyndCategoryImpl();
        category.setName(term);
        category.setLabel(label);
        category.setTaxonomyUri(scheme);
        return category;
    }
}
