package fr.essaim.essaimage;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a search gap is kept under: the query as people would read it, with case, spacing and
 * surrounding punctuation aside; and what is never kept because it may name a person.
 */
public final class GapQueries {

    /** The longest query kept: longer ones are pasted texts, not subjects. */
    static final int MAX_LENGTH = 200;

    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+");
    /** French numbers (0X XX XX XX XX), international ones (+33 …, 0033 …): ten digits or more once separators are gone. */
    private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d\\s./()-]{7,}\\d");
    private static final Pattern IP = Pattern.compile("\\b\\d{1,3}(\\.\\d{1,3}){3}\\b|\\b[0-9a-f]{0,4}(:[0-9a-f]{0,4}){3,7}\\b");
    private static final Pattern EDGES = Pattern.compile("^[\\p{Punct}\\s«»“”‘’]+|[\\p{Punct}\\s«»“”‘’]+$");

    private GapQueries() {
    }

    /** The query as it is counted, or nothing when it is empty or looks like an e-mail, a phone number or an address. */
    public static Optional<String> normalise(String query) {
        if (query == null) {
            return Optional.empty();
        }
        String text = Normalizer.normalize(query, Normalizer.Form.NFKC).toLowerCase(Locale.FRENCH)
                .replaceAll("\\s+", " ");
        text = EDGES.matcher(text).replaceAll("");
        if (text.isEmpty() || text.length() > MAX_LENGTH || isPersonal(text)) {
            return Optional.empty();
        }
        return Optional.of(text);
    }

    static boolean isPersonal(String text) {
        if (EMAIL.matcher(text).find() || IP.matcher(text).find()) {
            return true;
        }
        var phone = PHONE.matcher(text);
        while (phone.find()) {
            if (phone.group().replaceAll("\\D", "").length() >= 10) {
                return true;
            }
        }
        return false;
    }
}
