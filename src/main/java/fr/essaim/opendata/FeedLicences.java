package fr.essaim.opendata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndLinkImpl;

/** Each Atom entry names its sheet's licence (RFC 4946: a link with rel="license"). */
@ApplicationScoped
public class FeedLicences {

    @Inject
    PublishedSheets sheets;

    @Inject
    OpenDataSettings settings;

    public void addTo(SyndFeed feed) {
        Map<String, SyndEntry> bySlug = feed.getEntries().stream()
                .collect(Collectors.toMap(e -> e.getUri().substring(e.getUri().lastIndexOf("/fiches/") + "/fiches/".length()),
                        Function.identity(), (a, b) -> a));
        for (SheetRow row : sheets.rows(List.copyOf(bySlug.keySet()))) {
            Licence licence = settings.licenceOf(row.fields());
            SyndLink link = new SyndLinkImpl();
            link.setRel("license");
            link.setType("text/html");
            link.setTitle(licence.getLabel());
            link.setHref(licence.getUrl());
            SyndEntry entry = bySlug.get(row.slug());
            List<SyndLink> links = new ArrayList<>(entry.getLinks());
            if (links.isEmpty() && entry.getLink() != null) {
                SyndLink alternate = new SyndLinkImpl();
                alternate.setRel("alternate");
                alternate.setHref(entry.getLink());
                links.add(alternate);
            }
            links.add(link);
            entry.setLinks(links);
        }
    }
}
