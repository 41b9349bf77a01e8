package fr.essaim.markdown;

/**
 * Bounds on the shape of a Markdown body, checked before it is parsed. The parser recurses on
 * nested block quotes, lists and brackets, and its link parsing is quadratic within a paragraph:
 * a hostile body within the length limit could exhaust the stack or take minutes of CPU. No real
 * sheet comes near these bounds.
 */
final class BodyLimits {

    /** Block quotes and list markers opened on one line, e.g. {@code > > - }. */
    static final int MAX_CONTAINER_DEPTH = 32;
    /** Indentation of a line, in columns: nested lists deeper than this are not prose. */
    static final int MAX_INDENT = 128;
    /** Brackets {@code [} open at once inside one paragraph. */
    static final int MAX_BRACKET_DEPTH = 32;
    /** Brackets {@code [} in one paragraph (links, wiki links, footnote-like text). */
    static final int MAX_BRACKETS_PER_BLOCK = 400;

    private BodyLimits() {
    }

    static void check(String body) throws InvalidSourceException {
        int bracketsInBlock = 0;
        int bracketDepth = 0;
        int line = 1;
        int start = 0;
        while (start <= body.length()) {
            int end = body.indexOf('\n', start);
            if (end < 0) {
                end = body.length();
            }
            if (body.substring(start, end).isBlank()) {
                bracketsInBlock = 0;
                bracketDepth = 0;
            } else {
                checkLineStart(body, start, end, line);
                for (int i = start; i < end; i++) {
                    char c = body.charAt(i);
                    if (c == '\\') {
                        i++;
                    } else if (c == '[') {
                        bracketsInBlock++;
                        bracketDepth++;
                        if (bracketDepth > MAX_BRACKET_DEPTH) {
                            throw new InvalidSourceException("ligne " + line + " : plus de " + MAX_BRACKET_DEPTH
                                    + " crochets « [ » imbriqués");
                        }
                        if (bracketsInBlock > MAX_BRACKETS_PER_BLOCK) {
                            throw new InvalidSourceException("ligne " + line + " : plus de " + MAX_BRACKETS_PER_BLOCK
                                    + " crochets « [ » dans un même paragraphe ; séparez-le par des lignes vides");
                        }
                    } else if (c == ']' && bracketDepth > 0) {
                        bracketDepth--;
                    }
                }
            }
            start = end + 1;
            line++;
        }
    }

    /** Indentation, block-quote markers and list markers that open containers on this line. */
    private static void checkLineStart(String body, int start, int end, int line) throws InvalidSourceException {
        int depth = 0;
        int column = 0;
        int i = start;
        while (i < end) {
            char c = body.charAt(i);
            if (c == ' ') {
                column++;
                i++;
            } else if (c == '\t') {
                column += 4 - column % 4;
                i++;
            } else if (c == '>') {
                depth++;
                i++;
            } else {
                int marker = listMarkerLength(body, i, end);
                if (marker == 0) {
                    break;
                }
                depth++;
                i += marker;
            }
            if (column > MAX_INDENT) {
                throw new InvalidSourceException("ligne " + line + " : indentation de plus de " + MAX_INDENT + " espaces");
            }
            if (depth > MAX_CONTAINER_DEPTH) {
                throw new InvalidSourceException("ligne " + line + " : plus de " + MAX_CONTAINER_DEPTH
                        + " citations ou listes imbriquées");
            }
        }
    }

    /** Length of a list marker ({@code -}, {@code *}, {@code +}, {@code 1.}, {@code 1)}) followed by a space, or 0. */
    private static int listMarkerLength(String body, int i, int end) {
        char c = body.charAt(i);
        int length;
        if (c == '-' || c == '*' || c == '+') {
            length = 1;
        } else {
            int digits = 0;
            while (i + digits < end && digits < 10 && Character.isDigit(body.charAt(i + digits))) {
                digits++;
            }
            if (digits == 0 || digits > 9 || i + digits >= end
                    || (body.charAt(i + digits) != '.' && body.charAt(i + digits) != ')')) {
                return 0;
            }
            length = digits + 1;
        }
        if (i + length >= end) {
            return 0;
        }
        char next = body.charAt(i + length);
        return next == ' ' || next == '\t' ? length : 0;
    }
}
