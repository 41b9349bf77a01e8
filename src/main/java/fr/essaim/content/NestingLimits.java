package fr.essaim.content;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The depth an import may nest, checked before any recursive parser or converter sees it: the
 * Markdown path refuses deep nesting, the YesWiki path refuses it the same way, in French, instead
 * of running out of stack.
 */
final class NestingLimits {

    /** Objects and arrays inside one another in a YesWiki export; real exports nest three or four. */
    static final int MAX_JSON_DEPTH = 64;
    /** Lists, quotes and blocks inside one another in a long text, as in Markdown. */
    static final int MAX_HTML_DEPTH = 32;

    private NestingLimits() {
    }

    static void checkJson(String json) throws ContentException {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
                if (depth > MAX_JSON_DEPTH) {
                    throw new ContentException("export YesWiki refusé : objets ou listes imbriqués sur plus de "
                            + MAX_JSON_DEPTH + " niveaux (caractère " + (i + 1) + ")");
                }
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
    }

    /** The deepest element of the cleaned HTML of a field, refused beyond the limit. */
    static void checkHtml(Document html, String field) throws ContentException {
        for (Element element : html.body().getAllElements()) {
            int depth = 0;
            for (Element parent = element; parent != null && parent != html.body(); parent = parent.parent()) {
                depth++;
                if (depth > MAX_HTML_DEPTH) {
                    throw new ContentException("champ « " + field + " » : listes, citations ou blocs imbriqués sur plus de "
                            + MAX_HTML_DEPTH + " niveaux");
                }
            }
        }
    }
}
