package fr.essaim.markdown;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Heading anchors are rendered as empty links, which screen readers announce without a name: where
 * HTML is shown, their id moves to the heading itself.
 */
public final class HeadingAnchors {

    private HeadingAnchors() {
    }

    public static void moveToHeadings(Element body) {
        for (Element anchor : body.select("h1 > a[id]:empty, h2 > a[id]:empty, h3 > a[id]:empty, h4 > a[id]:empty")) {
            anchor.parent().id(anchor.id());
            anchor.remove();
        }
    }

    /** A fragment of HTML with its heading anchors moved. */
    public static String moveToHeadings(String html) {
        Document fragment = Jsoup.parseBodyFragment(html);
        moveToHeadings(fragment.body());
        return fragment.body().html();
    }
}
