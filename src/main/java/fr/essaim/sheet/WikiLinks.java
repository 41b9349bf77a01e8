package fr.essaim.sheet;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

import fr.essaim.markdown.HeadingAnchors;
import fr.essaim.markdown.MarkdownRenderer;

/**
 * Wiki links against the stored sheets: a target (slug, title or old name) as the slug it
 * designates when a text is saved, and a stored revision's links as they stand when it is shown.
 */
@ApplicationScoped
public class WikiLinks {

    private EntityManager em;
    private SheetRepository repository;
    private SheetParser parser;

    protected WikiLinks() {
        // for the container's proxy
    }

    @Inject
    public WikiLinks(EntityManager em, SheetRepository repository) {
        this(em, repository, new SheetParser(SheetSchema.fromClasspath(), new MarkdownRenderer()));
    }

    public WikiLinks(EntityManager em, SheetRepository repository, SheetParser parser) {
        this.em = em;
        this.repository = repository;
        this.parser = parser;
    }

    /** The Markdown body rendered as a saved revision would be, for the editor's live preview. */
    public String preview(String body) {
        // Heading anchors are empty links, which screen readers announce without a name.
        return HeadingAnchors.moveToHeadings(parser.renderBody(body, this::resolveWikiTarget));
    }

    /**
     * A revision's HTML with its wiki links as they stand now: links are stored as written, so a
     * sheet created, renamed or given an old name later fixes them; a link to a missing sheet is a
     * red link to the new-sheet form with that title.
     */
    public String linkedHtml(Revision revision) {
        Document html = Jsoup.parseBodyFragment(revision.getHtml());
        Elements links = html.select("a.wikilink[href^=/fiches/]");
        if (links.isEmpty()) {
            return revision.getHtml();
        }
        WikiTargets published = new WikiTargets(new StoredNames(true));
        for (Element link : links) {
            String href = link.attr("href").substring("/fiches/".length());
            int anchor = href.indexOf('#');
            String target = URLDecoder.decode(anchor < 0 ? href : href.substring(0, anchor), StandardCharsets.UTF_8);
            Optional<String> slug = published.find(target);
            if (slug.isPresent()) {
                link.attr("href", "/fiches/" + slug.get() + (anchor < 0 ? "" : href.substring(anchor)));
            } else {
                link.addClass("absente");
                link.attr("title", "Cette fiche n'existe pas encore : créez-la");
                link.attr("href", "/fiches/nouvelle?titre=" + URLEncoder.encode(link.text(), StandardCharsets.UTF_8));
            }
        }
        return html.body().html();
    }

    /** The current slug of a sheet known under an old name (e.g. a WikiName). */
    public Optional<String> resolveAlias(String name) {
        return repository.aliasOwner(name);
    }

    /** A wiki link target — slug, title or old name — as the slug it designates (see {@link WikiTargets}). */
    public String resolveWikiTarget(String target) {
        return targets().apply(target);
    }

    /** Every stored sheet's slug, title and old names, for a sheet being written. */
    WikiTargets targets() {
        return new WikiTargets(new StoredNames(false));
    }

    /** The names of the stored sheets, of the published ones only if {@code published}; each lookup is one indexed query. */
    private final class StoredNames implements WikiTargets.Names {

        private final boolean published;

        StoredNames(boolean published) {
            this.published = published;
        }

        @Override
        public boolean isSlug(String slug) {
            return first("select s.slug from Sheet s where s.slug = :name", slug).isPresent();
        }

        @Override
        public Optional<String> slugOfTitle(String titleKey) {
            return first("select s.slug from Sheet s where s.titleKey = :name", titleKey);
        }

        @Override
        public Optional<String> slugOfAlias(String alias) {
            return first("select s.slug from Sheet s join s.aliases a where a = :name", alias);
        }

        private Optional<String> first(String query, String name) {
            String jpql = query + (published ? " and s.state = :state" : "") + " order by s.id";
            TypedQuery<String> typed = em.createQuery(jpql, String.class).setParameter("name", name);
            if (published) {
                typed.setParameter("state", SheetState.PUBLISHED);
            }
            return typed.setMaxResults(1).getResultStream().findFirst();
        }
    }
}
