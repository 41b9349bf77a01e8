package fr.essaim.sheet;

import java.util.List;

import com.github.difflib.text.DiffRow;
import com.github.difflib.text.DiffRowGenerator;

import fr.essaim.markdown.InvalidSourceException;
import fr.essaim.markdown.SheetSource;

/**
 * A readable difference between two sources: the fields (front matter) and the body, line by
 * line, with the changed words of a changed line inside {@code <del>} and {@code <ins>}. Every
 * line is HTML-escaped before the tags are added.
 */
public final class RevisionDiff {

    /** One line of the diff: {@code equal}, {@code change}, {@code insert} or {@code delete}, and its HTML. */
    public record Line(String kind, String html) implements java.io.Serializable {
    }

    public record Result(List<Line> fields, List<Line> body, boolean identical) implements java.io.Serializable {
    }

    private static final DiffRowGenerator GENERATOR = DiffRowGenerator.create()
            .showInlineDiffs(true)
            .inlineDiffByWord(true)
            .mergeOriginalRevised(true)
            .ignoreWhiteSpaces(false)
            .oldTag(start -> start ? "<del>" : "</del>")
            .newTag(start -> start ? "<ins>" : "</ins>")
            .build();

    private RevisionDiff() {
    }

    public static Result between(String from, String to) {
        String[] a = split(from);
        String[] b = split(to);
        List<Line> fields = lines(a[0], b[0]);
        List<Line> body = lines(a[1], b[1]);
        boolean identical = fields.stream().allMatch(l -> l.kind().equals("equal"))
                && body.stream().allMatch(l -> l.kind().equals("equal"));
        return new Result(fields, body, identical);
    }

    private static List<Line> lines(String from, String to) {
        List<DiffRow> rows = GENERATOR.generateDiffRows(TextMerge.lines(from), TextMerge.lines(to));
        return rows.stream().map(row -> switch (row.getTag()) {
            case EQUAL -> new Line("equal", row.getOldLine());
            case INSERT -> new Line("insert", "<ins>" + row.getNewLine() + "</ins>");
            case DELETE -> new Line("delete", "<del>" + row.getOldLine() + "</del>");
            default -> new Line("change", row.getOldLine());
        }).toList();
    }

    /** Front matter text and body; a source that does not parse counts as all body. */
    private static String[] split(String source) {
        if (source == null) {
            return new String[] {"", ""};
        }
        try {
            SheetSource parsed = SheetSource.parse(source);
            String text = source.replace("\r\n", "\n");
            int end = text.length() - parsed.body().length();
            String head = text.substring(0, Math.max(0, end)).replaceFirst("^---\n", "").replaceFirst("\n?---\n?$", "");
            return new String[] {head, parsed.body()};
        } catch (InvalidSourceException e) {
            return new String[] {"", source};
        }
    }
}
