package fr.essaim.markdown;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import com.vladsch.flexmark.ext.anchorlink.AnchorLinkExtension;
import com.vladsch.flexmark.ext.autolink.AutolinkExtension;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.ext.wikilink.WikiLink;
import com.vladsch.flexmark.ext.wikilink.WikiLinkExtension;
import com.vladsch.flexmark.ext.wikilink.internal.WikiLinkLinkResolver;
import com.vladsch.flexmark.ext.yaml.front.matter.YamlFrontMatterExtension;
import com.vladsch.flexmark.html.AttributeProvider;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.html.IndependentAttributeProviderFactory;
import com.vladsch.flexmark.html.renderer.AttributablePart;
import com.vladsch.flexmark.html.renderer.LinkResolverContext;
import com.vladsch.flexmark.html.IndependentLinkResolverFactory;
import com.vladsch.flexmark.html.LinkResolver;
import com.vladsch.flexmark.html.renderer.LinkResolverBasicContext;
import com.vladsch.flexmark.html.renderer.LinkStatus;
import com.vladsch.flexmark.html.renderer.ResolvedLink;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.MutableDataSet;

/**
 * Markdown to safe HTML: CommonMark with tables, autolinks, front matter, heading anchors and
 * wiki links {@code [[cible]]} or {@code [[cible|texte]]}. Runs once per revision, never per view.
 */
public final class MarkdownRenderer {

    public static final String SHEET_PATH = "/fiches/";

    private final MutableDataSet options;
    private final Parser parser;

    public MarkdownRenderer() {
        options = new MutableDataSet();
        options.set(Parser.EXTENSIONS, List.of(
                TablesExtension.create(),
                AutolinkExtension.create(),
                YamlFrontMatterExtension.create(),
                WikiLinkExtension.create(),
                AnchorLinkExtension.create()));
        options.set(WikiLinkExtension.LINK_FIRST_SYNTAX, true);
        options.set(WikiLinkExtension.LINK_PREFIX, SHEET_PATH);
        options.set(WikiLinkExtension.ALLOW_ANCHORS, true);
        options.set(AnchorLinkExtension.ANCHORLINKS_WRAP_TEXT, false);
        options.set(AnchorLinkExtension.ANCHORLINKS_ANCHOR_CLASS, "");
        options.set(HtmlRenderer.GENERATE_HEADER_ID, true);
        options.set(HtmlRenderer.HEADER_ID_GENERATOR_TO_DASH_CHARS, " -_");
        options.set(HtmlRenderer.HEADER_ID_GENERATOR_NO_DUPED_DASHES, true);
        options.set(HtmlRenderer.HEADER_ID_GENERATOR_NON_ASCII_TO_LOWERCASE, true);
        options.set(HtmlRenderer.SOFT_BREAK, "\n");
        options.toImmutable();
        parser = Parser.builder(options).build();
    }

    /**
     * @param wikiTargets turns the target of a wiki link (a slug, a title or an old name) into the
     *                    slug of the sheet it designates
     */
    public Rendered render(String markdown, UnaryOperator<String> wikiTargets) {
        Node document = parser.parse(markdown == null ? "" : markdown);
        Set<String> links = new LinkedHashSet<>();
        HtmlRenderer renderer = HtmlRenderer.builder(options)
                .linkResolverFactory(new WikiLinkResolverFactory(wikiTargets, links))
                .attributeProviderFactory(new IndependentAttributeProviderFactory() {
                    @Override
                    public AttributeProvider apply(LinkResolverContext context) {
                        return (node, part, attributes) -> {
                            if (node instanceof WikiLink && part == AttributablePart.LINK) {
                                attributes.addValue("class", "wikilink");
                            }
                        };
                    }
                })
                .build();
        String html = HtmlSanitizer.sanitize(renderer.render(document));
        return new Rendered(html, new ArrayList<>(links));
    }

    public record Rendered(String html, List<String> links) {
    }

    private static final class WikiLinkResolverFactory extends IndependentLinkResolverFactory {
        private final UnaryOperator<String> targets;
        private final Set<String> links;

        WikiLinkResolverFactory(UnaryOperator<String> targets, Set<String> links) {
            this.targets = targets;
            this.links = links;
        }

        /** Runs before the extension's own resolver, which would otherwise settle wiki links first. */
        @Override
        public Set<Class<?>> getBeforeDependents() {
            return Set.of(WikiLinkLinkResolver.Factory.class);
        }

        @Override
        public LinkResolver apply(LinkResolverBasicContext context) {
            return (Node node, LinkResolverBasicContext ctx, ResolvedLink link) -> {
                if (!(node instanceof WikiLink wikiLink)) {
                    return link;
                }
                String target = wikiLink.getLink().toString().strip();
                String anchor = "";
                int hash = target.indexOf('#');
                if (hash >= 0) {
                    anchor = target.substring(hash);
                    target = target.substring(0, hash).strip();
                }
                String slug = targets.apply(target);
                if (slug == null || slug.isEmpty()) {
                    return link.withStatus(LinkStatus.INVALID);
                }
                links.add(slug);
                return link.withUrl(SHEET_PATH + slug + anchor).withStatus(LinkStatus.VALID);
            };
        }
    }
}
