package fr.essaim.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * Cross-site scripting payloads, and the check that a page, an HTML fragment or a feed carries
 * nothing a browser would run: no inline or foreign script, no event handler attribute, no
 * javascript:, vbscript: or data: address where it could be followed or loaded, no frame, object,
 * base or refresh.
 */
public final class HostileInput {

    private HostileInput() {
    }

    private static final List<String> BASE = List.of(
            // Script elements, closed, split, foreign, breaking out of a context.
            "<script>alert(1)</script>",
            "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
            "<scr<script>ipt>alert(1)</scr</script>ipt>",
            "\"><script>alert(1)</script>",
            "'><script>alert(1)</script>",
            "</textarea><script>alert(1)</script>",
            "</title><script>alert(1)</script>",
            "</script><script>alert(1)</script>",
            "</style><script>alert(1)</script>",
            "<!--<script>alert(1)</script>-->",
            "<![CDATA[<script>alert(1)</script>]]>",
            "<template><script>alert(1)</script></template>",
            "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
            "<!--<img src=\"--><img src=x onerror=alert(1)//\">",
            "<script type=module>import('//evil.example/x.js')</script>",
            // Event handlers.
            "<img src=x onerror=alert(1)>",
            "<img/src/onerror=alert(1)>",
            "<IMG SRC=x OnErRoR=alert(1)>",
            "<img src=\"x` `<script>alert(1)</script>\"` `>",
            "<body onload=alert(1)>",
            "<details open ontoggle=alert(1)>",
            "<input autofocus onfocus=alert(1)>",
            "<select autofocus onfocus=alert(1)>",
            "<textarea autofocus onfocus=alert(1)>",
            "<video><source onerror=alert(1)>",
            "<audio src=x onerror=alert(1)>",
            "<marquee onstart=alert(1)>",
            "<x onclick=alert(1)>clic</x>",
            "<a href=\"#\" onclick=\"alert(1)\">clic</a>",
            "<div onmouseover=\"alert(1)\">survol</div>",
            "<frameset onload=alert(1)>",
            "<p style=\"x\" onpointerenter=alert(1)>texte</p>",
            "<img src=x:alert(alt) onerror=eval(src) alt=0>",
            // javascript: and other schemes.
            "<a href=\"javascript:alert(1)\">lien</a>",
            "<a href=\" javascript:alert(1)\">lien</a>",
            "<a href=\"jav&#x09;ascript:alert(1)\">lien</a>",
            "<a href=\"&#x6A;avascript:alert(1)\">lien</a>",
            "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">lien</a>",
            "<a href=javascript&colon;alert(1)>lien</a>",
            "<a href=\"JaVaScRiPt:alert(1)\">lien</a>",
            "<a href=\"vbscript:msgbox(1)\">lien</a>",
            "<IMG SRC=JaVaScRiPt:alert(1)>",
            "<img srcset=\"javascript:alert(1)\">",
            "<table background=\"javascript:alert(1)\"><tr><td>x</td></tr></table>",
            "<form action=\"javascript:alert(1)\"><button>x</button></form>",
            "<button formaction=\"javascript:alert(1)\">x</button>",
            "<isindex action=javascript:alert(1) type=image>",
            "javascript:alert(1)",
            // SVG and MathML.
            "<svg onload=alert(1)>",
            "<svg/onload=alert(1)>",
            "<svg><script>alert(1)</script></svg>",
            "<svg><a xlink:href=\"javascript:alert(1)\"><text x=\"0\" y=\"20\">x</text></a></svg>",
            "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
            "<svg><set attributeName=\"href\" to=\"javascript:alert(1)\">",
            "<svg><foreignObject><iframe src=javascript:alert(1)></iframe></foreignObject></svg>",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
            "<math href=\"javascript:alert(1)\">x</math>",
            // data: addresses.
            "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">lien</a>",
            "<iframe src=\"data:text/html,<script>alert(1)</script>\"></iframe>",
            "<embed src=\"data:text/html,<script>alert(1)</script>\">",
            "<object data=\"data:text/html,<script>alert(1)</script>\"></object>",
            "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
            "<link rel=import href=\"data:text/html,<script>alert(1)</script>\">",
            // Styles.
            "<style>@import 'javascript:alert(1)';</style>",
            "<style>body{background:url(\"javascript:alert(1)\")}</style>",
            "<div style=\"background:url(javascript:alert(1))\">x</div>",
            "<div style=\"width:expression(alert(1))\">x</div>",
            "<p style=\"behavior:url(x.htc)\">x</p>",
            // Frames, objects, base, refresh.
            "<iframe src=\"javascript:alert(1)\"></iframe>",
            "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
            "<iframe src=\"https://evil.example/\"></iframe>",
            "<object data=\"javascript:alert(1)\"></object>",
            "<object type=\"text/x-scriptlet\" data=\"https://evil.example/x\"></object>",
            "<embed src=\"javascript:alert(1)\">",
            "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
            "<base href=\"javascript:alert(1)//\">",
            "<frame src=\"javascript:alert(1)\">",
            "<applet code=\"x\"></applet>",
            // Entities and encodings.
            "&lt;script&gt;alert(1)&lt;/script&gt;",
            "&#60;script&#62;alert(1)&#60;/script&#62;",
            "&#x3C;img src=x onerror=alert(1)&#x3E;",
            "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
            "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            "&lt;img src=x onerror=alert(1)&gt;",
            "<<script>script>alert(1)<</script>/script>",
            "{{constructor.constructor('alert(1)')()}}",
            "${alert(1)}",
            // Markdown links and images.
            "[lien](javascript:alert(1))",
            "[lien](JaVaScRiPt:alert(1))",
            "[lien](javascript&#58;alert(1))",
            "[lien](&#106;avascript:alert(1))",
            "[lien](  javascript:alert(1)  )",
            "[lien](vbscript:msgbox(1))",
            "[lien](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "![image](javascript:alert(1))",
            "![image](data:text/html,<script>alert(1)</script>)",
            "![image\" onerror=\"alert(1)](x.png)",
            "[lien](https://exemple.fr/\"onmouseover=\"alert(1))",
            "[lien](\" onmouseover=\"alert(1))",
            "[lien][ref]\n\n[ref]: javascript:alert(1)",
            "<javascript:alert(1)>",
            "[<img src=x onerror=alert(1)>](https://exemple.fr/)",
            "[lien](https://exemple.fr/ \"titre\" onclick=\"alert(1)\")",
            "| a | b |\n|---|---|\n| <script>alert(1)</script> | <img src=x onerror=alert(1)> |",
            "```html\n<script>alert(1)</script>\n```",
            // Wiki links.
            "[[<script>alert(1)</script>]]",
            "[[javascript:alert(1)]]",
            "[[\" onmouseover=\"alert(1)]]",
            "[[x|<img src=x onerror=alert(1)>]]",
            "[[<svg onload=alert(1)>]]",
            "[[../../admin]]",
            "[[litinerance-des-services\" onclick=\"alert(1)]]",
            "[[ ]]<script>alert(1)</script>");

    /** At least 100 payloads: the list, and each script and handler payload in upper case. */
    public static List<String> payloads() {
        Set<String> all = new LinkedHashSet<>(BASE);
        for (String payload : BASE) {
            if (payload.startsWith("<script") || payload.startsWith("<img src=x onerror") || payload.startsWith("<svg onload")) {
                all.add(payload.toUpperCase(Locale.ROOT).replace("ALERT", "alert"));
            }
        }
        return List.copyOf(all);
    }

    private static final Set<String> ADDRESS_ATTRIBUTES = Set.of("href", "src", "action", "formaction", "xlink:href",
            "data", "background", "poster", "srcset", "lowsrc", "dynsrc", "codebase", "cite", "longdesc", "ping",
            "manifest", "to", "from", "values", "icon", "archive");
    private static final Set<String> FORBIDDEN_ELEMENTS = Set.of("iframe", "frame", "frameset", "object", "embed",
            "applet", "base", "isindex", "style");

    /** What would run in a browser in this HTML document or fragment; empty when nothing. */
    public static List<String> liveScripts(String html) {
        return problems(Jsoup.parse(html));
    }

    /**
     * What would run in this Atom feed: scripts or handlers in the XML itself, and in the HTML of
     * its {@code type="html"} texts.
     */
    public static List<String> liveScriptsInFeed(String xml) {
        Document feed = Jsoup.parse(xml, "", Parser.xmlParser());
        List<String> problems = new ArrayList<>(problems(feed));
        for (Element text : feed.select("[type=html]")) {
            problems.addAll(liveScripts(text.text()));
        }
        return problems;
    }

    private static List<String> problems(Document document) {
        List<String> problems = new ArrayList<>();
        for (Element element : document.getAllElements()) {
            String tag = element.normalName();
            if (tag.equals("script")) {
                String src = element.attr("src");
                boolean structuredData = element.attr("type").equalsIgnoreCase("application/ld+json");
                boolean ownFile = src.startsWith("/") && !src.startsWith("//") && element.data().isBlank();
                if (!structuredData && !ownFile) {
                    problems.add("script: " + element.outerHtml());
                }
            }
            if (FORBIDDEN_ELEMENTS.contains(tag) || tag.equals("meta") && element.hasAttr("http-equiv")) {
                problems.add(tag + ": " + element.outerHtml());
            }
            for (Attribute attribute : element.attributes()) {
                String name = attribute.getKey().toLowerCase(Locale.ROOT);
                String value = attribute.getValue().replaceAll("[\\x00-\\x20]", "").toLowerCase(Locale.ROOT);
                if (name.startsWith("on") || name.equals("srcdoc")) {
                    problems.add("attribute " + name + ": " + element.outerHtml());
                }
                if (ADDRESS_ATTRIBUTES.contains(name) && (value.contains("javascript:") || value.contains("vbscript:")
                        || value.startsWith("data:") && !(tag.equals("img") && value.startsWith("data:image/")))) {
                    problems.add("address " + name + ": " + element.outerHtml());
                }
                if (name.equals("style") && (value.contains("expression(") || value.contains("javascript:")
                        || value.contains("url(") || value.contains("behavior:"))) {
                    problems.add("style: " + element.outerHtml());
                }
            }
        }
        return problems;
    }
}
