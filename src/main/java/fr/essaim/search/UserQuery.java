package fr.essaim.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a reader typed, read leniently: plain words, "quoted phrases", -excluded words or phrases,
 * {@code OR} (or {@code OU}) between two terms, and a trailing {@code *} for a prefix. Nothing here
 * can fail: an unclosed quote runs to the end, a lone operator is ignored.
 */
record UserQuery(List<Clause> clauses) {

    /** Queries longer than this are refused rather than cut, so that no one is surprised by the result. */
    static final int MAX_LENGTH = 300;
    static final int MAX_TERMS = 32;
    /** A prefix shorter than this would match most of the vocabulary: it is searched as a word. */
    static final int MIN_PREFIX = 3;

    enum Kind { WORDS, PHRASE, PREFIX }

    /** A run of words, a phrase or a prefix; excluded with {@code -}; {@code alternatives} are OR-ed with it. */
    record Clause(Kind kind, String text, boolean excluded, List<Clause> alternatives) {
    }

    static UserQuery parse(String input) throws InvalidSearchException {
        String text = input == null ? "" : input.strip();
        if (text.length() > MAX_LENGTH) {
            throw new InvalidSearchException("requête trop longue (" + text.length() + " caractères, " + MAX_LENGTH + " au plus)");
        }
        List<String> tokens = tokenize(text);
        if (tokens.size() > MAX_TERMS) {
            throw new InvalidSearchException("requête trop longue (" + tokens.size() + " mots, " + MAX_TERMS + " au plus)");
        }
        List<Clause> clauses = new ArrayList<>();
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            boolean or = isOr(token);
            if (or) {
                continue;
            }
            boolean excluded = token.startsWith("-") && token.length() > 1;
            String body = excluded ? token.substring(1) : token;
            Clause clause = clauseOf(body, excluded);
            if (clause == null) {
                continue;
            }
            boolean joinedByOr = i + 2 < tokens.size() && isOr(tokens.get(i + 1)) && !excluded;
            boolean plainWord = clause.kind() == Kind.WORDS && !excluded && !joinedByOr
                    && !(i > 0 && isOr(tokens.get(i - 1)));
            if (plainWord) {
                words.append(words.length() == 0 ? "" : " ").append(clause.text());
                continue;
            }
            flushWords(words, clauses);
            if (i > 0 && isOr(tokens.get(i - 1)) && !clauses.isEmpty() && !excluded) {
                Clause previous = clauses.remove(clauses.size() - 1);
                List<Clause> alternatives = new ArrayList<>(previous.alternatives());
                alternatives.add(clause);
                clauses.add(new Clause(previous.kind(), previous.text(), previous.excluded(), alternatives));
            } else {
                clauses.add(clause);
            }
        }
        flushWords(words, clauses);
        return new UserQuery(List.copyOf(clauses));
    }

    private static boolean isOr(String token) {
        String upper = token.toUpperCase(Locale.ROOT);
        return upper.equals("OR") || upper.equals("OU") || upper.equals("|");
    }

    private static void flushWords(StringBuilder words, List<Clause> clauses) {
        if (words.length() > 0) {
            clauses.add(new Clause(Kind.WORDS, words.toString(), false, List.of()));
            words.setLength(0);
        }
    }

    private static Clause clauseOf(String token, boolean excluded) {
        if (token.startsWith("\"")) {
            String phrase = token.replace("\"", "").strip();
            return phrase.isEmpty() ? null : new Clause(Kind.PHRASE, phrase, excluded, List.of());
        }
        String word = token.replaceAll("[*]+$", "");
        String cleaned = word.replaceAll("^[\\p{Punct}&&[^'’]]+|[\\p{Punct}&&[^'’]]+$", "");
        if (cleaned.isEmpty()) {
            return null;
        }
        boolean prefix = token.endsWith("*") && cleaned.codePointCount(0, cleaned.length()) >= MIN_PREFIX
                && cleaned.matches("[\\p{L}\\p{N}'’-]+");
        return new Clause(prefix ? Kind.PREFIX : Kind.WORDS, cleaned, excluded, List.of());
    }

    /** Splits on white space, keeping quoted phrases (and -"quoted phrases") whole. */
    private static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            if (c == '"' || (c == '-' && i + 1 < text.length() && text.charAt(i + 1) == '"')) {
                int open = text.indexOf('"', i);
                int close = text.indexOf('"', open + 1);
                i = close < 0 ? text.length() : close + 1;
                tokens.add(text.substring(start, i) + (close < 0 ? "\"" : ""));
                continue;
            }
            while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            tokens.add(text.substring(start, i));
        }
        return tokens;
    }

    /** The words of the query, in order, for spelling suggestions. */
    List<String> words() {
        List<String> words = new ArrayList<>();
        for (Clause clause : clauses) {
            if (!clause.excluded()) {
                for (String word : clause.text().split("\\s+")) {
                    words.add(word);
                }
            }
        }
        return words;
    }

    /** True when nothing is asked for, only excluded (or nothing at all). */
    boolean asksForNothing() {
        return clauses.stream().allMatch(Clause::excluded);
    }
}
