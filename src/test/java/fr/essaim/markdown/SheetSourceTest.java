package fr.essaim.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import fr.essaim.support.Sheets;

/** Reading the source of a sheet: its YAML front matter and its Markdown body. */
class SheetSourceTest {

    private static final String SOURCE = """
            ---
            kind: notion
            title: "L'accès aux services"
            summary: Un principe du service public.
            themes: [4, 12]
            weakSignal: true
            sources:
              - {title: Wiki Services, year: 2019, url: "https://example.org/wiki"}
            ---
            ## Définition

            Le service public est **accessible**.
            """;

    private static String refusal(String source) {
        return assertThrows(InvalidSourceException.class, () -> SheetSource.parse(source)).getMessage();
    }

    // ----- accepted

    @Test
    void frontMatterBecomesTypedFieldsAndTheRestIsTheBody() throws InvalidSourceException {
        SheetSource sheet = SheetSource.parse(SOURCE);

        assertEquals(List.of("kind", "title", "summary", "themes", "weakSignal", "sources"),
                List.copyOf(sheet.frontMatter().keySet()), "fields keep the author's order");
        assertEquals("notion", sheet.frontMatter().get("kind"));
        assertEquals("L'accès aux services", sheet.frontMatter().get("title"));
        assertEquals(List.of(4, 12), sheet.frontMatter().get("themes"));
        assertEquals(Boolean.TRUE, sheet.frontMatter().get("weakSignal"));
        assertEquals(List.of(Map.of("title", "Wiki Services", "year", 2019, "url", "https://example.org/wiki")),
                sheet.frontMatter().get("sources"));
        assertEquals("## Définition\n\nLe service public est **accessible**.\n", sheet.body());
    }

    @Test
    void sampleSheetsOfTheTestsAreReadable() throws InvalidSourceException {
        SheetSource sheet = SheetSource.parse(Sheets.experience("Halte-garderie itinérante", "## Contexte"));

        assertEquals("Halte-garderie itinérante", sheet.frontMatter().get("title"));
        assertEquals("## Contexte\n", sheet.body());
    }

    @Test
    void windowsLineEndingsAreAccepted() throws InvalidSourceException {
        SheetSource sheet = SheetSource.parse(SOURCE.replace("\n", "\r\n"));

        assertEquals("L'accès aux services", sheet.frontMatter().get("title"));
        assertEquals(List.of(4, 12), sheet.frontMatter().get("themes"));
        assertEquals("## Définition\n\nLe service public est **accessible**.\n", sheet.body());
    }

    @Test
    void byteOrderMarkIsAccepted() throws InvalidSourceException {
        SheetSource sheet = SheetSource.parse("\uFEFF" + SOURCE);

        assertEquals("notion", sheet.frontMatter().get("kind"));
        assertFalse(sheet.frontMatter().containsKey("\uFEFFkind"));
    }

    @Test
    void byteOrderMarkAndWindowsLineEndingsTogether() throws InvalidSourceException {
        SheetSource sheet = SheetSource.parse("\uFEFF" + SOURCE.replace("\n", "\r\n"));

        assertEquals("notion", sheet.frontMatter().get("kind"));
        assertFalse(sheet.body().contains("\r"), "the body keeps Windows line endings");
    }

    @Test
    void sheetWithoutBody() throws InvalidSourceException {
        SheetSource sheet = SheetSource.parse("---\ntitle: Seul l'en-tête\n---");

        assertEquals(Map.of("title", "Seul l'en-tête"), sheet.frontMatter());
        assertEquals("", sheet.body());
    }

    @Test
    void emptyFrontMatterGivesNoFields() throws InvalidSourceException {
        SheetSource sheet = SheetSource.parse("---\n---\nCorps");

        assertEquals(Map.of(), sheet.frontMatter());
        assertEquals("Corps", sheet.body());
    }

    @Test
    void closingLineMayHaveTrailingSpaces() throws InvalidSourceException {
        SheetSource sheet = SheetSource.parse("---\ntitle: x\n---  \nCorps");

        assertEquals(Map.of("title", "x"), sheet.frontMatter());
        assertEquals("Corps", sheet.body());
    }

    @Test
    void horizontalRuleInTheBodyStaysInTheBody() throws InvalidSourceException {
        SheetSource sheet = SheetSource.parse("---\ntitle: x\n---\nAvant\n\n---\n\nAprès\n");

        assertEquals(Map.of("title", "x"), sheet.frontMatter());
        assertEquals("Avant\n\n---\n\nAprès\n", sheet.body());
    }

    @Test
    void indentedDashesInsideABlockTextDoNotCloseTheFrontMatter() throws InvalidSourceException {
        SheetSource sheet = SheetSource.parse("---\ntitle: x\nsummary: |\n  ---\n---\nCorps\n");

        assertEquals("---\n", sheet.frontMatter().get("summary"));
        assertEquals("Corps\n", sheet.body());
    }

    @Test
    void frontMatterCannotBeModified() throws InvalidSourceException {
        SheetSource sheet = SheetSource.parse(SOURCE);

        assertThrows(UnsupportedOperationException.class, () -> sheet.frontMatter().put("kind", "experience"));
    }

    @Test
    void textOfExactlyMaxLengthIsAccepted() throws InvalidSourceException {
        String head = "---\ntitle: x\n---\n";
        String source = head + "a".repeat(SheetSource.MAX_LENGTH - head.length());

        assertEquals(SheetSource.MAX_LENGTH - head.length(), SheetSource.parse(source).body().length());
    }

    // ----- refused

    @ParameterizedTest(name = "« {0} »")
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\n\n", " \t\r\n"})
    void emptyTextIsRefused(String source) {
        assertEquals("la fiche est vide", refusal(source));
    }

    @ParameterizedTest(name = "« {0} »")
    @ValueSource(strings = {"# Titre\n\nUn texte sans en-tête.", "title: x\n---\nCorps", " ---\ntitle: x\n---\n",
            "--- title: x\n---\n", "+++\ntitle = 'x'\n+++\n"})
    void textWithoutFrontMatterIsRefused(String source) {
        assertEquals("la fiche doit commencer par un en-tête YAML entre deux lignes « --- »", refusal(source));
    }

    @ParameterizedTest(name = "« {0} »")
    @ValueSource(strings = {"---\ntitle: x\nCorps de la fiche", "---\ntitle: x\n----\nCorps", "---\n"})
    void unclosedFrontMatterIsRefused(String source) {
        assertEquals("l'en-tête YAML n'est pas fermé par une ligne « --- »", refusal(source));
    }

    @Test
    void invalidYamlNamesTheLineOfTheSheet() {
        String message = refusal("---\ntitle: x\n  summary: mal indenté\n---\nCorps");

        assertTrue(message.startsWith("en-tête YAML illisible à la ligne 3 : "), message);
    }

    @Test
    void unclosedQuoteIsRefused() {
        String message = refusal("---\nkind: notion\ntitle: \"L'accès\n---\nCorps");

        assertTrue(message.startsWith("en-tête YAML illisible à la ligne "), message);
    }

    @Test
    void duplicateKeyIsRefusedWithItsLineAndName() {
        String message = refusal("---\ntitle: Premier titre\nsummary: Accroche\ntitle: Second titre\n---\nCorps");

        assertTrue(message.startsWith("en-tête YAML illisible à la ligne 4 : "), message);
        assertTrue(message.contains("title"), message);
    }

    @ParameterizedTest(name = "« {0} »")
    @ValueSource(strings = {"---\n- kind\n- title\n---\nCorps", "---\nune simple phrase\n---\nCorps",
            "---\n42\n---\n"})
    void frontMatterThatIsNotAMapIsRefused(String source) {
        assertEquals("l'en-tête YAML doit être une liste de champs « nom: valeur »", refusal(source));
    }

    @Test
    void billionLaughsIsRefusedQuickly() {
        StringBuilder bomb = new StringBuilder("---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char previous = 'a';
        for (char name = 'b'; name <= 'i'; name++) {
            String ref = "*" + previous;
            bomb.append(name).append(": &").append(name).append(" [")
                    .append(String.join(",", Collections.nCopies(9, ref))).append("]\n");
            previous = name;
        }
        bomb.append("---\nCorps\n");

        String message = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> refusal(bomb.toString()));

        assertEquals("en-tête YAML : les références (&ancre / *alias) ne sont pas admises", message);
    }

    @Test
    void aFewAliasesThatWouldMultiplyAPageAreRefused() {
        // 3.7 KB of front matter that SnakeYAML's alias limit lets through, but that expands a hundredfold.
        String text = "x".repeat(400);
        String source = "---\ntitle: &t " + text + "\nsummary: [" + String.join(", ", Collections.nCopies(19, "*t"))
                + "]\n---\nCorps\n";

        assertEquals("en-tête YAML : les références (&ancre / *alias) ne sont pas admises", refusal(source));
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("hostileBodies")
    void hostileBodiesAreRefusedQuicklyWithTheirReason(String name, String body, String reason) {
        String message = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> refusal("---\ntitle: x\n---\n" + body));

        assertTrue(message.contains(reason), message);
    }

    static List<org.junit.jupiter.params.provider.Arguments> hostileBodies() {
        return List.of(
                org.junit.jupiter.params.provider.Arguments.of("5 000 citations imbriquées", ">".repeat(5000) + " x",
                        "citations ou listes imbriquées"),
                org.junit.jupiter.params.provider.Arguments.of("3 000 listes imbriquées", "- ".repeat(3000) + "x",
                        "citations ou listes imbriquées"),
                org.junit.jupiter.params.provider.Arguments.of("listes imbriquées par indentation",
                        java.util.stream.IntStream.range(0, 400).mapToObj(i -> " ".repeat(2 * i) + "- x")
                                .collect(java.util.stream.Collectors.joining("\n")), "indentation"),
                org.junit.jupiter.params.provider.Arguments.of("20 000 crochets imbriqués",
                        "[".repeat(20000) + "x" + "]".repeat(20000), "crochets « [ » imbriqués"),
                org.junit.jupiter.params.provider.Arguments.of("liens non fermés répétés", "[a](".repeat(40000),
                        "dans un même paragraphe"),
                org.junit.jupiter.params.provider.Arguments.of("références répétées", "[a]".repeat(40000),
                        "dans un même paragraphe"));
    }

    @Test
    void manyLinksSpreadOverParagraphsAreAccepted() throws InvalidSourceException {
        String paragraph = "Voir [[Zirond'aile]], [la source](https://example.org) et [[autre fiche|texte]]. ";
        String body = String.join("\n\n", Collections.nCopies(300, paragraph.repeat(20)));

        assertEquals(body, SheetSource.parse("---\ntitle: x\n---\n" + body).body());
    }

    @Test
    void javaTypeTagsAreRefused() {
        String message = refusal("---\ntitle: !!java.io.File /etc/passwd\n---\nCorps");

        assertTrue(message.startsWith("en-tête YAML illisible à la ligne 2 : "), message);
    }

    @Test
    void textOverMaxLengthIsRefusedBeforeReading() {
        String head = "---\ntitle: x\n---\n";
        String source = head + "a".repeat(SheetSource.MAX_LENGTH - head.length() + 1);

        assertEquals("la fiche dépasse " + SheetSource.MAX_LENGTH + " caractères", refusal(source));
    }
}
