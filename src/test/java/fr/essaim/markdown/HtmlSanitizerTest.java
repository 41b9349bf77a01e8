package fr.essaim.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import fr.essaim.shared.Slugs;

/**
 * Authors may type raw HTML in a sheet; whatever they type, readers must never get script, frames,
 * forms or styles. Everything goes through {@link MarkdownRenderer#render}, as it does in the application.
 */
class HtmlSanitizerTest {

    private static final List<String> FORBIDDEN = List.of("<script", "javascript:", "onerror", "onload", "onclick",
            "onmouseover", "<iframe", "<object", "<embed", "style=", "<form", "<meta", "<base", "<link",
            "vbscript:", "data:text/html");

    /** Unknown wiki targets fall back to their slug, as in the sheet service. */
    private static final UnaryOperator<String> RESOLVER = Slugs::slugify;

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    private String render(String markdown) {
        return renderer.render(markdown, RESOLVER).html();
    }

    /**
     * @param surviving harmless text that must still be shown, or {@code null}
     * @param absent    something else specific to the case that must be gone, or {@code null}
     */
    static Stream<Arguments> hostileInputs() {
        return Stream.of(
                Arguments.of("balise script", "<script>alert(1)</script>texte", "texte", "alert(1)"),
                Arguments.of("script en majuscules", "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>texte", "texte",
                        "evil.example"),
                Arguments.of("image avec onerror", "<img src=x onerror=alert(1)>texte", "texte", "<img"),
                Arguments.of("image javascript: en casse mélangée", "<IMG SRC=JaVaScRiPt:alert(1)>texte", "texte",
                        "<img"),
                Arguments.of("lien HTML javascript:", "<a href=\"javascript:alert(1)\">clic</a>", "clic", "href"),
                Arguments.of("lien Markdown javascript:", "[clic](javascript:alert(1))", "clic", "href"),
                Arguments.of("lien Markdown JaVaScRiPt:", "[clic](JaVaScRiPt:alert(1))", "clic", "href"),
                Arguments.of("javascript&#58; encodé en HTML", "<a href=\"javascript&#58;alert(1)\">clic</a>", "clic",
                        "href"),
                Arguments.of("javascript&#58; encodé en Markdown", "[clic](javascript&#58;alert(1))", "clic", "href"),
                Arguments.of("j encodé en hexadécimal", "<a href=\"&#x6A;avascript:alert(1)\">clic</a>", "clic",
                        "href"),
                Arguments.of("javascript: précédé d'une espace", "<a href=\" javascript:alert(1)\">clic</a>", "clic",
                        "href"),
                Arguments.of("javascript: coupé par une tabulation", "<a href=\"java\tscript:alert(1)\">clic</a>",
                        "clic", "href"),
                Arguments.of("lien Markdown data:text/html", "[clic](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
                        "clic", "href"),
                Arguments.of("lien HTML data:text/html",
                        "<a href=\"data:text/html,<script>alert(1)</script>\">clic</a>", "clic", "href"),
                Arguments.of("lien vbscript:", "[clic](vbscript:msgbox(1))", "clic", "href"),
                Arguments.of("iframe", "<iframe src=\"https://evil.example\"></iframe>texte", "texte", "evil.example"),
                Arguments.of("object", "<object data=\"https://evil.example/x.swf\"></object>texte", "texte",
                        "evil.example"),
                Arguments.of("embed", "<embed src=\"https://evil.example/x.swf\">texte", "texte", "evil.example"),
                Arguments.of("svg onload", "<svg onload=alert(1)><circle r=\"10\"/></svg>texte", "texte", "<svg"),
                Arguments.of("svg avec script", "<svg><script>alert(1)</script></svg>texte", "texte", "alert(1)"),
                Arguments.of("math et mglyph/style",
                        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table>"
                                + "</mtext></math>texte", "texte", "<math"),
                Arguments.of("math avec lien xlink",
                        "<math><maction actiontype=\"statusline\" xlink:href=\"javascript:alert(1)\">clic</maction>"
                                + "</math>", "clic", "<math"),
                Arguments.of("bloc style", "<style>body{display:none}</style>texte", "texte", "display:none"),
                Arguments.of("attribut style", "<p style=\"position:fixed;top:0;left:0\">texte</p>", "texte",
                        "position:fixed"),
                Arguments.of("formulaire", "<form action=\"https://evil.example\"><input name=\"motdepasse\">"
                        + "<button>Envoyer</button></form>texte", "texte", "<input"),
                Arguments.of("meta refresh", "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">texte",
                        "texte", "evil.example"),
                Arguments.of("base href", "<base href=\"https://evil.example/\">texte", "texte", "evil.example"),
                Arguments.of("feuille de style externe",
                        "<link rel=\"stylesheet\" href=\"https://evil.example/x.css\">texte", "texte", "evil.example"),
                Arguments.of("onclick sur un paragraphe", "<p onclick=\"alert(1)\">texte</p>", "texte", "alert(1)"),
                Arguments.of("onmouseover sur un lien",
                        "<a href=\"https://example.org\" onmouseover=\"alert(1)\">texte</a>", "texte", "alert(1)"),
                Arguments.of("onmouseover sur un bloc", "<div onmouseover=alert(1)>texte</div>", "texte", "alert(1)"),
                Arguments.of("ontoggle sur details", "<details open ontoggle=alert(1)>texte</details>", "texte",
                        "ontoggle"),
                Arguments.of("balise imbriquée malformée", "<scr<script>ipt>alert(1)</script>texte", "texte",
                        "alert(1)"),
                Arguments.of("balise non fermée", "<script>alert(1)\n\ntexte", null, "alert(1)"),
                Arguments.of("commentaire cachant un script", "<!-- <script>alert(1)</script> -->texte", "texte",
                        "<!--"),
                Arguments.of("commentaire conditionnel", "<!--[if IE]><script>alert(1)</script><![endif]-->texte",
                        "texte", "alert(1)"),
                Arguments.of("lien wiki vers javascript:", "[[javascript:alert(1)|voir]]", "voir", null),
                Arguments.of("injection d'id", "<h2 id=\"__proto__\">texte</h2>", "texte", "__proto__"),
                Arguments.of("id hors du format des ancres", "<h3 id=\"Document.Cookie\">texte</h3>", "texte",
                        "id="),
                Arguments.of("injection de classe", "<a class=\"btn btn-danger\" href=\"/fiches/x\">texte</a>", "texte",
                        "btn-danger"),
                Arguments.of("classe sur un bloc", "<div class=\"modal-backdrop\">texte</div>", "texte",
                        "modal-backdrop"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileInputs")
    void hostileInputIsDefused(String description, String markdown, String surviving, String absent) {
        String html = render(markdown);
        String lower = html.toLowerCase(Locale.ROOT);

        for (String forbidden : FORBIDDEN) {
            assertFalse(lower.contains(forbidden), () -> "« " + forbidden + " » in " + html);
        }
        if (absent != null) {
            assertFalse(lower.contains(absent.toLowerCase(Locale.ROOT)), () -> "« " + absent + " » in " + html);
        }
        if (surviving != null) {
            assertTrue(Jsoup.parseBodyFragment(html).text().contains(surviving), () -> "« " + surviving
                    + " » lost in " + html);
        }
    }

    @Test
    void unclosedTagIsShownAsTextNotRunAsHtml() {
        Document doc = Jsoup.parseBodyFragment(render("<img src=\"x\" onerror=\"alert(1)\ntexte"));

        assertTrue(doc.select("img, [onerror]").isEmpty(), doc.html());
        assertTrue(doc.text().startsWith("<img src=\"x\" onerror="), "the author sees what they typed: " + doc.text());
        assertTrue(doc.text().contains("texte"), doc.html());
    }

    @Test
    void quotesInAWikiLinkAnchorCannotOpenAnAttribute() {
        Document doc = Jsoup.parseBodyFragment(render("[[fiche#x\" onclick=\"alert(1)|voir]]"));

        Element link = doc.selectFirst("a");
        assertEquals(List.of("href", "class"), link.attributes().asList().stream().map(a -> a.getKey()).toList(), doc.html());
        assertTrue(link.attr("href").startsWith("/fiches/fiche#"), link.attr("href"));
        assertEquals("wikilink", link.attr("class"));
        assertTrue(doc.select("[onclick]").isEmpty(), doc.html());
        assertEquals("voir", link.text());
    }

    @Test
    void wikiLinkWithHostileTargetStaysUnderTheSheetPath() {
        String html = render("[[javascript:alert(1)|voir]]");

        Element link = Jsoup.parseBodyFragment(html).selectFirst("a");
        assertEquals("/fiches/javascript-alert-1", link.attr("href"));
    }

    @Test
    void evenANaiveResolverCannotTurnAWikiLinkIntoAScriptLink() {
        String html = renderer.render("[[javascript:alert(1)|voir]]", UnaryOperator.identity()).html();

        Element link = Jsoup.parseBodyFragment(html).selectFirst("a");
        assertTrue(link.attr("href").startsWith(MarkdownRenderer.SHEET_PATH), html);
    }

    @Test
    void protocolRelativeLinkIsKeptAsAPlainLinkToThatSite() {
        // "//evil.example" is read against an https base: an ordinary https link to another site, no script.
        String html = render("<a href=\"//evil.example\">ailleurs</a> et [ailleurs](//evil.example/page)");

        assertEquals(List.of("//evil.example", "//evil.example/page"),
                Jsoup.parseBodyFragment(html).select("a").eachAttr("href"));
    }

    @Test
    void ordinaryExternalLinkKeepsItsAddressAndGetsNofollow() {
        Element link = Jsoup.parseBodyFragment(render("Voir [le site](https://example.org/a?b=1&c=2).")).selectFirst("a");

        assertEquals("https://example.org/a?b=1&c=2", link.attr("href"));
        assertEquals("nofollow noopener", link.attr("rel"));
        assertEquals("le site", link.text());
    }

    @Test
    void plainHttpLinkGetsNofollowToo() {
        Element link = Jsoup.parseBodyFragment(render("<a href=\"http://example.org\">site</a>")).selectFirst("a");

        assertEquals("http://example.org", link.attr("href"));
        assertEquals("nofollow noopener", link.attr("rel"));
    }

    @Test
    void authorCannotDropNofollowFromAnExternalLink() {
        Element link = Jsoup.parseBodyFragment(render("<a href=\"https://example.org\" rel=\"follow\">site</a>"))
                .selectFirst("a");

        assertEquals("nofollow noopener", link.attr("rel"));
    }

    @Test
    void relativeAndSectionLinksSurviveWithoutNofollow() {
        Document doc = Jsoup.parseBodyFragment(render("[une fiche](/fiches/x), [une section](#contexte) "
                + "et <a href=\"/fiches/y#resultats\">une autre</a>"));

        assertEquals(List.of("/fiches/x", "#contexte", "/fiches/y#resultats"), doc.select("a").eachAttr("href"));
        assertTrue(doc.select("a[rel]").isEmpty(), doc.html());
    }

    @Test
    void mailLinkSurvives() {
        Element link = Jsoup.parseBodyFragment(render("[écrire](mailto:contact@example.org)")).selectFirst("a");

        assertEquals("mailto:contact@example.org", link.attr("href"));
    }

    @Test
    void harmlessHtmlThatAuthorsUseIsKept() {
        Document doc = Jsoup.parseBodyFragment(render(
                "<mark>important</mark> <abbr title=\"Maison de services au public\">MSAP</abbr> "
                        + "<del>ancien</del> <ins>nouveau</ins><br>suite"));

        assertEquals("important", doc.select("mark").text());
        assertEquals("Maison de services au public", doc.select("abbr").attr("title"));
        assertEquals("ancien", doc.select("del").text());
        assertEquals("nouveau", doc.select("ins").text());
        assertEquals(1, doc.select("br").size());
    }

    @Test
    void safeHeadingIdWrittenByTheAuthorIsKept() {
        Element heading = Jsoup.parseBodyFragment(render("<h2 id=\"mon-ancre\">Titre</h2>")).selectFirst("h2");

        assertEquals("mon-ancre", heading.id());
    }

    @Test
    void wikilinkClassesAreTheOnlyOnesKept() {
        Document doc = Jsoup.parseBodyFragment(render(
                "<a class=\"wikilink missing\" href=\"/fiches/x\">a</a> <a class=\"wikilink evil\" href=\"/fiches/y\">b</a>"));

        assertEquals("wikilink missing", doc.select("a").get(0).className());
        assertFalse(doc.select("a").get(1).hasAttr("class"), doc.html());
    }

    /**
     * Links within the site are kept without jsoup resolving them (HtmlSanitizer.SameSiteLinks):
     * the same output as jsoup's own check, for them and for every link that looks like them.
     */
    @ParameterizedTest
    @MethodSource("links")
    void sameSiteLinksAreKeptExactlyAsJsoupKeepsThem(String href) {
        String html = "<p><a href=\"" + href.replace("\"", "&quot;") + "\" id=\"x\">lien</a></p>";
        org.jsoup.safety.Cleaner reference = new org.jsoup.safety.Cleaner(HtmlSanitizer.rules());
        org.jsoup.safety.Cleaner sameSite = new org.jsoup.safety.Cleaner(new HtmlSanitizer.SameSiteLinks(HtmlSanitizer.rules()));

        assertEquals(cleaned(reference, html), cleaned(sameSite, html), href);
    }

    static Stream<String> links() {
        return Stream.of("/fiches/solidart-maurienne", "/", "#contexte", "#", "/recherche?q=a&theme=6#r", "/fiches/a b",
                "/%2F%2Fevil.example", "//evil.example/x", "/\\evil.example", "\\\\evil.example", "/\t/evil.example",
                " /fiches/a", "javascript:alert(1)", "/javascript:alert(1)", "#javascript:alert(1)", "/a:b",
                "java\tscript:alert(1)", "fiches/relative", "?q=a", "", "https://example.org/", "mailto:a@example.org",
                "data:text/html,x", "/[", "//[", "/fiches/é", "#\u0000", "/\u0000/evil.example");
    }

    private static String cleaned(org.jsoup.safety.Cleaner cleaner, String html) {
        Document clean = cleaner.clean(Jsoup.parseBodyFragment(html, "https://essaim.invalid/"));
        clean.outputSettings().prettyPrint(false);
        return clean.body().html();
    }

    @Test
    void sameSiteMeansNoSchemeAndNoOtherHost() {
        assertTrue(HtmlSanitizer.SameSiteLinks.isSameSite("/fiches/a"));
        assertTrue(HtmlSanitizer.SameSiteLinks.isSameSite("#contexte"));
        assertFalse(HtmlSanitizer.SameSiteLinks.isSameSite("//evil.example"));
        assertFalse(HtmlSanitizer.SameSiteLinks.isSameSite("/\\evil.example"));
        assertFalse(HtmlSanitizer.SameSiteLinks.isSameSite("/javascript:alert(1)"));
        assertFalse(HtmlSanitizer.SameSiteLinks.isSameSite("fiches/a"));
        assertFalse(HtmlSanitizer.SameSiteLinks.isSameSite(""));
    }

    /**
     * Raw HTML whose cleaning leaves nesting the HTML parser would not build itself (a paragraph
     * freed from a removed wrapper, a table in a paragraph, stray cells…): the text handed to the
     * index must still be the one it would read back from the stored HTML.
     */
    static Stream<String> awkwardHtml() {
        return Stream.of("<p>a<object><p>b</p></object>c</p>", "<b>x<p>y</p>z</b>", "<table>t<tr><td>1</td></tr>u</table>",
                "<ul><li>a<ul><li>b</li></ul></li></ul>c", "<div><p>a</div>b</p>", "<form><p>dans</p></form>après",
                "a<br>b<br/>c", "<pre>  x\n  y</pre> z", "<a href=\"/x\">l<a href=\"/y\">m</a></a>",
                "<table><tr><td>a<table><tr><td>b</td></tr></table></td></tr></table>", "<select><option>o</option></select>s",
                "<p>x<svg><p>y</p></svg></p>", "<template><p>t</p></template>v", "<p>a<textarea>b</textarea>c</p>",
                "<p>a<font><p>b</font>c", "<i><p>a</i>b</p>", "<p><table><tr><td>q</td></tr></table></p>", "x<!-- c -->y",
                "<p>a<object><div>b</div></object>c</p>", "<h1><p>x</p></h1>", "<li>hors liste</li>", "<td>cellule seule</td>x",
                "<p>a<iframe>b</iframe>c</p>", "<p>a<math><mi>b</mi></math>c</p>", "a\u00a0b", "<p> a </p>   <p> b </p>",
                "<em><div>x</div></em>", "<p>a<nobr>b<p>c</nobr>", "| a | b |\n|---|---|\n| <p>c</p> | d |",
                "# Titre\n\nTexte *mis en valeur* et [[cible|lien]].\n\n- un\n- deux\n\n> citation");
    }

    @ParameterizedTest
    @MethodSource("awkwardHtml")
    void theTextHandedToTheIndexIsTheTextOfTheStoredHtml(String markdown) {
        MarkdownRenderer.Rendered rendered = renderer.render(markdown, RESOLVER);
        assertEquals(Jsoup.parse(rendered.html()).text(), rendered.text());
    }
}
