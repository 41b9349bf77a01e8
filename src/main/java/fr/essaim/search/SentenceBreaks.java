package fr.essaim.search;

import java.text.BreakIterator;
import java.text.CharacterIterator;
import java.text.StringCharacterIterator;
import java.util.Arrays;

/**
 * Sentence boundaries for snippets: after a full stop, an exclamation or question mark or an
 * ellipsis followed by a space, and at every line break (a heading or a list item is a passage of
 * its own). Only the text around a match is looked at, char by char: the JDK's sentence iterator
 * walked it through a {@link CharacterIterator} and was a fifth of a search's cost.
 */
final class SentenceBreaks extends BreakIterator {

    private String text = "";
    private int current;

    @Override
    public void setText(String newText) {
        text = newText;
        current = 0;
    }

    @Override
    public void setText(CharacterIterator newText) {
        StringBuilder copy = new StringBuilder();
        for (char c = newText.first(); c != CharacterIterator.DONE; c = newText.next()) {
            copy.append(c);
        }
        setText(copy.toString());
    }

    @Override
    public CharacterIterator getText() {
        return new StringCharacterIterator(text);
    }

    /** Every boundary of a text, in order: 0 first and the length last. */
    static int[] boundsOf(String text) {
        SentenceBreaks breaks = new SentenceBreaks();
        breaks.setText(text);
        int[] found = new int[16];
        int count = 0;
        for (int b = breaks.first(); b != DONE; b = breaks.next()) {
            if (count == found.length) {
                found = Arrays.copyOf(found, count * 2);
            }
            found[count++] = b;
        }
        return Arrays.copyOf(found, count);
    }

    /** Whether a sentence starts at {@code i}: a non-space after spaces that hold a line break or follow a stop. */
    private boolean startsSentence(int i) {
        if (i <= 0 || i >= text.length() || isSpace(text.charAt(i)) || !isSpace(text.charAt(i - 1))) {
            return false;
        }
        int j = i - 1;
        while (j >= 0 && isSpace(text.charAt(j))) {
            if (text.charAt(j) == '\n') {
                return true;
            }
            j--;
        }
        if (j < 0) {
            return false;
        }
        char c = text.charAt(j);
        return c == '.' || c == '!' || c == '?' || c == '…';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\u00a0' || Character.isWhitespace(c);
    }

    @Override
    public int first() {
        current = 0;
        return 0;
    }

    @Override
    public int last() {
        current = text.length();
        return current;
    }

    @Override
    public int current() {
        return current;
    }

    @Override
    public int next() {
        if (current == text.length()) {
            return DONE;
        }
        return following(current);
    }

    @Override
    public int next(int n) {
        int result = current;
        for (; n > 0 && result != DONE; n--) {
            result = next();
        }
        for (; n < 0 && result != DONE; n++) {
            result = previous();
        }
        return result;
    }

    @Override
    public int previous() {
        if (current == 0) {
            return DONE;
        }
        return preceding(current);
    }

    @Override
    public int following(int offset) {
        check(offset);
        if (offset == text.length()) {
            return DONE;
        }
        int i = offset + 1;
        while (i < text.length() && !startsSentence(i)) {
            i++;
        }
        current = i;
        return i;
    }

    @Override
    public int preceding(int offset) {
        check(offset);
        if (offset == 0) {
            return DONE;
        }
        int i = offset - 1;
        while (i > 0 && !startsSentence(i)) {
            i--;
        }
        current = i;
        return i;
    }

    @Override
    public boolean isBoundary(int offset) {
        check(offset);
        if (offset == 0 || offset == text.length() || startsSentence(offset)) {
            current = offset;
            return true;
        }
        following(offset);
        return false;
    }

    private void check(int offset) {
        if (offset < 0 || offset > text.length()) {
            throw new IllegalArgumentException("position hors du texte : " + offset);
        }
    }
}
