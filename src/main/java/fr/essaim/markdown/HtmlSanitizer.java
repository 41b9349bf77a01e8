package fr.essaim.markdown;

import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Allow-list cleaning of rendered Markdown: authors may write raw HTML, readers must never run it.
 */
public final class HtmlSanitizer {

    /**
     * Raise it whenever the allow-list below changes: the HTML stored with every revision is then
     * cleaned again, once, at the next start.
     */
    public static final int POLICY_VERSION = 1;

    private static final Pattern SAFE_ID = Pattern.compile("[\\p{Ll}\\p{N}][\\p{Ll}\\p{N}_-]{0,100}");
    private static final Pattern SAFE_CLASS = Pattern.compile("wikilink( missing)?");

    private static final Cleaner CLEANER = new Cleaner(new SameSiteLinks(rules()));

    /** The allow-list, as jsoup applies it. */
    static Safelist rules() {
        return Safelist.relaxed()
                .removeTags("img")
                .addTags("mark", "del", "ins", "hr", "abbr")
                .addAttributes("a", "id", "class")
                .addAttributes("abbr", "title")
                .addAttributes("h1", "id").addAttributes("h2", "id").addAttributes("h3", "id")
                .addAttributes("h4", "id").addAttributes("h5", "id").addAttributes("h6", "id")
                .addAttributes("th", "align").addAttributes("td", "align")
                .addProtocols("a", "href", "http", "https", "mailto")
                .preserveRelativeLinks(true);
    }

    private HtmlSanitizer() {
    }

    public static String sanitize(String html) {
        return cleanBody(html).html();
    }

    /**
     * The same, with the text of the result as {@code Jsoup.parse(html).text()} reads it back: the
     * first import hands it to the search index, which would otherwise parse the HTML again.
     */
    public static Sanitized sanitizeWithText(String html) {
        Element body = cleanBody(html);
        return new Sanitized(body.html(), body.text());
    }

    /** Safe HTML and its text. */
    public record Sanitized(String html, String text) {
    }

    private static Element cleanBody(String html) {
        Document dirty = Jsoup.parseBodyFragment(html, "https://essaim.invalid/");
        Document clean = CLEANER.clean(dirty);
        // One walk through the cleaned tree for the three checks below.
        clean.body().traverse((node, depth) -> {
            if (node instanceof Element element) {
                if (element.hasAttr("id") && !SAFE_ID.matcher(element.id()).matches()) {
                    element.removeAttr("id");
                }
                if (element.hasAttr("class") && !SAFE_CLASS.matcher(element.className()).matches()) {
                    element.removeAttr("class");
                }
                if ("a".equals(element.normalName()) && isExternal(element.attr("href"))) {
                    element.attr("rel", "nofollow noopener");
                }
            }
        });
        clean.outputSettings().prettyPrint(false);
        return clean.body();
    }

    /**
     * jsoup checks a link's protocol by resolving it against the base URI, a URL parsed for every
     * link: a twentieth of a first start's import. A link within the site ({@code /fiches/…},
     * {@code #contexte}) has no protocol to check and resolves to the base's own, allowed, so it is
     * kept without that work, exactly as jsoup keeps it; every other link is checked by jsoup.
     */
    static final class SameSiteLinks extends Safelist {

        SameSiteLinks(Safelist rules) {
            super(rules);
        }

        @Override
        public boolean isSafeAttribute(String tagName, Element element, Attribute attribute) {
            return "a".equals(tagName) && "href".equals(attribute.getKey()) && isSameSite(attribute.getValue())
                    || super.isSafeAttribute(tagName, element, attribute);
        }

        /** A root-relative path or a fragment: no scheme (no colon at all), no other host ({@code //}, {@code /\\}). */
        static boolean isSameSite(String href) {
            if (href.indexOf(':') >= 0 || href.isEmpty()) {
                return false;
            }
            char first = href.charAt(0);
            return first == '#' || first == '/' && (href.length() == 1 || href.charAt(1) != '/' && href.charAt(1) != '\\');
        }
    }

    /** As the selector {@code a[href^=http], a[href^=//]} reads it: case aside. */
    private static boolean isExternal(String href) {
        return href.regionMatches(true, 0, "http", 0, 4) || href.startsWith("//");
    }
}
