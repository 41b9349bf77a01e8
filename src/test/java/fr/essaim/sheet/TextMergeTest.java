package fr.essaim.sheet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class TextMergeTest {

    private static final String BASE = "---\ntitle: Garage\n---\nPremier paragraphe.\n\nDeuxième paragraphe.\n\nTroisième.\n";

    @Test
    void changesToDifferentLinesAreBothKept() {
        String theirs = BASE.replace("Premier paragraphe.", "Premier paragraphe, corrigé par Claire.");
        String mine = BASE.replace("Troisième.", "Troisième, complété par Camille.");

        Optional<String> merged = TextMerge.merge(BASE, theirs, mine);

        assertTrue(merged.isPresent());
        assertTrue(merged.get().contains("corrigé par Claire") && merged.get().contains("complété par Camille"), merged.get());
        assertTrue(merged.get().contains("Deuxième paragraphe."));
    }

    @Test
    void changesToTheSameLineAreLeftToAPerson() {
        String theirs = BASE.replace("Deuxième paragraphe.", "Deuxième, version de Claire.");
        String mine = BASE.replace("Deuxième paragraphe.", "Deuxième, version de Camille.");

        assertFalse(TextMerge.merge(BASE, theirs, mine).isPresent());
    }

    @Test
    void theDiffMarksChangedWordsAndEscapesHtml() {
        String from = BASE;
        String to = BASE.replace("title: Garage", "title: Garage solidaire").replace("Troisième.", "Troisième <script>.");

        RevisionDiff.Result diff = RevisionDiff.between(from, to);

        assertFalse(diff.identical());
        String fields = diff.fields().stream().map(RevisionDiff.Line::html).reduce("", String::concat);
        assertTrue(fields.contains("<ins>solidaire</ins>") || fields.contains("<ins> solidaire</ins>"), fields);
        String body = diff.body().stream().map(RevisionDiff.Line::html).reduce("", String::concat);
        assertTrue(body.contains("&lt;script&gt;"), body);
        assertFalse(body.contains("<script>"), body);
        assertEquals("change", diff.body().stream().filter(l -> l.html().contains("<ins>")).findFirst().orElseThrow().kind());
    }
}
