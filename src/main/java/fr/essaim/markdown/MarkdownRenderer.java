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
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.MutableDataSet;
import com.vladsch.flexmark.util.data.NullableDataKey;

/**
 * Markdown to safe HTML: CommonMark with tables, autolinks, front matter, heading anchors and
 * wiki links {@code [[cible]]} or {@code [[cible|texte]]}. Runs once per revision, never per view.
 */
public final class MarkdownRenderer {

    public static final String SHEET_PATH = "/fiches/";

    /** What one rendering resolves its wiki links with, and the slugs they reach: carried by the document. */
    private record Targets(UnaryOperator<String> resolve, Set<String> links) {
    }

    private static final NullableDataKey<Targets> TARGETS = new NullableDataKey<>("ESSAIM_WIKI_TARGETS");

    private final Parser parser;
    private final Parser parserWithoutAutolinks;
    private final HtmlRenderer renderer;

    /** Parsers and renderer are built once: they are thread-safe, and building them costs more than a rendering. */
    public MarkdownRenderer() {
        MutableDataSet options = new MutableDataSet();
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
        options.set(Parser.EXTENSIONS, List.of(TablesExtension.create(), YamlFrontMatterExtension.create(),
                WikiLinkExtension.create(), AnchorLinkExtension.create()));
        parserWithoutAutolinks = Parser.builder(options.toImmutable()).build();
        options.set(Parser.EXTENSIONS, List.of(TablesExtension.create(), AutolinkExtension.create(),
                YamlFrontMatterExtension.create(), WikiLinkExtension.create(), AnchorLinkExtension.create()));
        parser = Parser.builder(options.toImmutable()).build();
        renderer = HtmlRenderer.builder(options.toImmutable())
                .linkResolverFactory(new WikiLinkResolverFactory())
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
    }

    /**
     * @param wikiTargets turns the target of a wiki link (a slug, a title or an old name) into the
     *                    slug of the sheet it designates
     */
    public Rendered render(String markdown, UnaryOperator<String> wikiTargets) {
        String text = markdown == null ? "" : markdown;
        Document document = (mayHoldBareLinks(text) ? parser : parserWithoutAutolinks).parse(text);
        Set<String> links = new LinkedHashSet<>();
        TARGETS.set(document, new Targets(wikiTargets, links));
        HtmlSanitizer.Sanitized safe = HtmlSanitizer.sanitizeWithText(renderer.render(document));
        return new Rendered(safe.html(), new ArrayList<>(links), safe.text());
    }

    /**
     * Whether bare links may be in the text: an address ({@code ://}, {@code www}) or an e-mail
     * ({@code @}), or an escape or entity that could become one. Most sheets have none, and are
     * parsed without the autolink extension, which otherwise scans every text with regular
     * expressions: the same HTML, at a fraction of the cost.
     */
    static boolean mayHoldBareLinks(String text) {
        // "ww." also covers "Www.": the link extractor's trigger is the first letter.
        return text.contains("://") || text.contains("ww.") || text.indexOf('@') >= 0 || text.indexOf('&') >= 0
                || text.indexOf('\\') >= 0;
    }

    /** Safe HTML, the slugs its wiki links reach, and its text as the search index reads it. */
    public record Rendered(String html, List<String> links, String text) {
    }

    private static final class WikiLinkResolverFactory extends IndependentLinkResolverFactory {

        /** Runs before the extension's own resolver, which would otherwise settle wiki links first. */
        @Override
        public Set<Class<?>> getBeforeDependents() {
            return Set.of(WikiLinkLinkResolver.Factory.class);
        }

        @Override
        public LinkResolver apply(LinkResolverBasicContext context) {
            Targets targets = TARGETS.get(context.getDocument());
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
                String slug = targets.resolve().apply(target);
                if (slug == null || slug.isEmpty()) {
                    return link.withStatus(LinkStatus.INVALID);
                }
                targets.links().add(slug);
                return link.withUrl(SHEET_PATH + slug + anchor).withStatus(LinkStatus.VALID);
            };
        }
    }
}
