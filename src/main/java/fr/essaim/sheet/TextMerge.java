package fr.essaim.sheet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;

/** Three-way merge by lines: two edits of the same base combine when they touch different lines. */
public final class TextMerge {

    private TextMerge() {
    }

    /** The base with both sets of changes, or empty when they overlap and a person must choose. */
    public static Optional<String> merge(String base, String theirs, String mine) {
        List<String> baseLines = lines(base);
        List<AbstractDelta<String>> their = DiffUtils.diff(baseLines, lines(theirs)).getDeltas();
        List<AbstractDelta<String>> my = DiffUtils.diff(baseLines, lines(mine)).getDeltas();
        for (AbstractDelta<String> a : their) {
            for (AbstractDelta<String> b : my) {
                if (overlap(a, b)) {
                    return Optional.empty();
                }
            }
        }
        List<AbstractDelta<String>> all = new ArrayList<>(their);
        all.addAll(my);
        all.sort(Comparator.comparingInt((AbstractDelta<String> d) -> d.getSource().getPosition()).reversed());
        List<String> merged = new ArrayList<>(baseLines);
        for (AbstractDelta<String> delta : all) {
            int at = delta.getSource().getPosition();
            for (int i = 0; i < delta.getSource().size(); i++) {
                merged.remove(at);
            }
            merged.addAll(at, delta.getTarget().getLines());
        }
        return Optional.of(String.join("\n", merged));
    }

    /** Changes touching the same or adjacent base lines, or inserting at the same place, overlap. */
    private static boolean overlap(AbstractDelta<String> a, AbstractDelta<String> b) {
        int aStart = a.getSource().getPosition();
        int aEnd = aStart + a.getSource().size();
        int bStart = b.getSource().getPosition();
        int bEnd = bStart + b.getSource().size();
        return aStart <= bEnd && bStart <= aEnd;
    }

    static List<String> lines(String text) {
        return Arrays.asList((text == null ? "" : text.replace("\r\n", "\n")).split("\n", -1));
    }
}
