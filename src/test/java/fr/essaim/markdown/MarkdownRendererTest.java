package fr.essaim.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;

import fr.essaim.shared.Slugs;

/** Markdown bodies of sheets as readers see them. */
class MarkdownRendererTest {

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    /** Titles and old names of known sheets, as the sheet service would resolve them. */
    private static final Map<String, String> KNOWN = Map.of(
            "halte-garderie", "halte-garderie-itinerante",
            "Titre d'une fiche", "titre-dune-fiche",
            "cible", "fiche-cible",
            "HalteGarderie", "halte-garderie-itinerante");

    private static final UnaryOperator<String> RESOLVER = target -> KNOWN.getOrDefault(target, Slugs.slugify(target));

    private MarkdownRenderer.Rendered render(String markdown) {
        return renderer.render(markdown, RESOLVER);
    }

    private Document html(String markdown) {
        return Jsoup.parseBodyFragment(render(markdown).html());
    }

    // ----- CommonMark

    @Test
    void commonMarkBasics() {
        Document doc = html("""
                Un *mot* en **gras**, et du `code`.

                - premier
                - second

                1. un
                2. deux

                > Une citation.

                ```
                bloc <b>non interprété</b>
                ```

                ---
                """);

        assertEquals("mot", doc.select("p > em").text());
        assertEquals("gras", doc.select("p > strong").text());
        assertEquals("code", doc.select("p > code").text());
        assertEquals(List.of("premier", "second"), doc.select("ul > li").eachText());
        assertEquals(List.of("un", "deux"), doc.select("ol > li").eachText());
        assertEquals("Une citation.", doc.select("blockquote > p").text());
        assertEquals("bloc <b>non interprété</b>", doc.select("pre > code").text());
        assertTrue(doc.select("pre b").isEmpty(), "HTML inside a code block must stay text");
        assertEquals(1, doc.select("hr").size());
    }

    @Test
    void softLineBreaksStayInTheSameParagraph() {
        Document doc = html("première ligne\nseconde ligne\n\nautre paragraphe");

        assertEquals(List.of("première ligne seconde ligne", "autre paragraphe"), doc.select("p").eachText());
    }

    @Test
    void emptyOrMissingBodyRendersNothing() {
        assertEquals("", render("").html().strip());
        assertEquals("", renderer.render(null, RESOLVER).html().strip());
        assertEquals(List.of(), renderer.render(null, RESOLVER).links());
    }

    @Test
    void tables() {
        Document doc = html("""
                | Commune | Habitants |
                |---------|----------:|
                | Vannes  | 54 000    |
                | Séné    | 9 000     |
                """);

        assertEquals(List.of("Commune", "Habitants"), doc.select("table > thead th").eachText());
        assertEquals(List.of("Vannes", "54 000", "Séné", "9 000"), doc.select("table > tbody td").eachText());
        assertEquals("right", doc.select("tbody td").get(1).attr("align"));
    }

    @Test
    void bareAddressesBecomeLinks() {
        Document doc = html("Voir https://www.example.org/page et www.example.com aussi.");

        Elements links = doc.select("a");
        assertEquals(List.of("https://www.example.org/page", "http://www.example.com"), links.eachAttr("href"));
        assertEquals(List.of("https://www.example.org/page", "www.example.com"), links.eachText());
    }

    /** Sheets without a sign of a bare link skip the autolink pass: those with one keep it. */
    @Test
    void bareAddressesAndMailsStillBecomeLinksAndProseWithoutThemIsLeftAlone() {
        assertEquals(List.of("mailto:contact@example.org"), html("Écrire à contact@example.org.").select("a").eachAttr("href"));
        assertEquals(List.of("ftp://example.org"), html("Archive ftp://example.org").select("a").eachAttr("href"));
        assertTrue(html("Contexte : une halte-garderie, deux communes ; www sans point.").select("a").isEmpty());
        assertFalse(MarkdownRenderer.mayHoldBareLinks("Contexte : une halte-garderie, deux communes ; www sans point."));
    }

    @Test
    void frontMatterLeftInTheBodyIsNotShown() {
        Document doc = html("---\ntitle: secret\n---\nVisible");

        assertFalse(doc.text().contains("secret"), doc.html());
        assertEquals("Visible", doc.text());
    }

    // ----- heading anchors

    /** The anchor a heading carries: an empty link to itself, holding the id the fragment reaches. */
    private static Element anchorOf(Element heading) {
        Element anchor = heading.selectFirst("a[id]");
        assertTrue(anchor != null, "no anchor in " + heading.outerHtml());
        return anchor;
    }

    @Test
    void headingsGetIdsAndSelfLinks() {
        Document doc = html("## Contexte\n\n## Facteurs clés de succès\n\n### Pour aller plus loin");

        assertEquals(List.of("contexte", "facteurs-clés-de-succès", "pour-aller-plus-loin"),
                doc.select("h2 > a, h3 > a").eachAttr("id"));
        for (Element heading : doc.select("h2, h3")) {
            Element anchor = anchorOf(heading);
            assertEquals("#" + anchor.id(), anchor.attr("href"), heading.outerHtml());
        }
        assertEquals(List.of("Contexte", "Facteurs clés de succès", "Pour aller plus loin"),
                doc.select("h2, h3").eachText());
    }

    @Test
    void accentedHeadingKeepsAnIdThatItsAnchorReaches() {
        Element heading = html("## Résultats").selectFirst("h2");

        assertEquals("résultats", anchorOf(heading).id());
        assertEquals("#résultats", anchorOf(heading).attr("href"));
        assertEquals("Résultats", heading.text());
    }

    @Test
    void capitalAccentAndApostropheInHeading() {
        Element anchor = anchorOf(html("## Étapes de l'été 2012").selectFirst("h2"));

        assertEquals("étapes-de-lété-2012", anchor.id());
        assertEquals("#" + anchor.id(), anchor.attr("href"));
    }

    @Test
    void repeatedHeadingsGetDistinctIds() {
        Document doc = html("## Résultats\n\ntexte\n\n## Résultats");

        assertEquals(List.of("résultats", "résultats-1"), doc.select("h2 > a").eachAttr("id"));
    }

    // ----- wiki links

    @Test
    void wikiLinkBySlug() {
        Element link = html("Voir [[halte-garderie]].").selectFirst("a");

        assertEquals("/fiches/halte-garderie-itinerante", link.attr("href"));
        assertEquals("halte-garderie", link.text());
    }

    @Test
    void wikiLinkByTitle() {
        Element link = html("Voir [[Titre d'une fiche]].").selectFirst("a");

        assertEquals("/fiches/titre-dune-fiche", link.attr("href"));
        assertEquals("Titre d'une fiche", link.text());
    }

    @Test
    void wikiLinkByOldName() {
        Element link = html("Voir [[HalteGarderie]].").selectFirst("a");

        assertEquals("/fiches/halte-garderie-itinerante", link.attr("href"));
    }

    @Test
    void wikiLinkWithDisplayedTextPutsTheTargetFirst() {
        Element link = html("Voir [[cible|texte affiché]].").selectFirst("a");

        assertEquals("/fiches/fiche-cible", link.attr("href"));
        assertEquals("texte affiché", link.text());
    }

    @Test
    void wikiLinkWithAnchorKeepsTheSection() {
        Element link = html("Voir [[cible#resultats]].").selectFirst("a");

        assertEquals("/fiches/fiche-cible#resultats", link.attr("href"));
    }

    @Test
    void wikiLinkWithAnchorAndText() {
        Element link = html("Voir [[cible#contexte|le contexte]].").selectFirst("a");

        assertEquals("/fiches/fiche-cible#contexte", link.attr("href"));
        assertEquals("le contexte", link.text());
    }

    @Test
    void resolverReceivesTheTargetWithoutAnchorNorText() {
        List<String> asked = new ArrayList<>();
        renderer.render("[[ cible #section | texte ]] et [[Titre d'une fiche]]", target -> {
            asked.add(target);
            return "x";
        });

        assertEquals(List.of("cible", "Titre d'une fiche"), asked);
    }

    @Test
    void wikiLinkIsNotAnExternalLink() {
        Element link = html("[[cible]]").selectFirst("a");

        assertFalse(link.hasAttr("rel"), link.outerHtml());
    }

    @Test
    void wikiLinkInsideCodeIsNotALink() {
        MarkdownRenderer.Rendered rendered = render("Écrire `[[cible]]` pour lier une fiche.");

        assertTrue(Jsoup.parseBodyFragment(rendered.html()).select("a").isEmpty(), rendered.html());
        assertEquals(List.of(), rendered.links());
    }

    // ----- links of a rendering

    @Test
    void linksListsTheTargetSlugsOnceInOrderOfAppearance() {
        MarkdownRenderer.Rendered rendered = render("""
                [[Titre d'une fiche]], puis [[cible|une cible]] et [[halte-garderie]].

                Encore [[HalteGarderie]] et [[cible#contexte]], [lien ordinaire](/fiches/autre), https://example.org.
                """);

        assertEquals(List.of("titre-dune-fiche", "fiche-cible", "halte-garderie-itinerante"), rendered.links());
    }

    @Test
    void bodyWithoutWikiLinksHasNoLinks() {
        assertEquals(List.of(), render("[ordinaire](/fiches/autre) et https://example.org").links());
    }

    @Test
    void wikiLinksCarryTheWikilinkClassSoThatReadersSeeThem() {
        Element link = html("Voir [[une-fiche-quelconque]].").selectFirst("a");

        assertEquals("/fiches/une-fiche-quelconque", link.attr("href"));
        assertEquals("wikilink", link.attr("class"));
        Element ordinary = html("Voir [le site](https://example.org).").selectFirst("a");
        assertEquals("", ordinary.attr("class"), "ordinary links are not wiki links");
    }
}
