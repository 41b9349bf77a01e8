package fr.essaim.sheet;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import fr.essaim.markdown.InvalidSourceException;
import fr.essaim.markdown.MarkdownRenderer;
import fr.essaim.markdown.SheetSource;

/** Reads, validates and renders a sheet source; refuses it with one message per faulty field. */
public final class SheetParser {

    private final SheetSchema schema;
    private final MarkdownRenderer renderer;

    public SheetParser(SheetSchema schema, MarkdownRenderer renderer) {
        this.schema = schema;
        this.renderer = renderer;
    }

    public SheetSchema schema() {
        return schema;
    }

    public ParsedSheet parse(String source, ReferenceData references, UnaryOperator<String> wikiTargets)
            throws InvalidSheetException {
        SheetSource sheet;
        try {
            sheet = SheetSource.parse(source);
        } catch (InvalidSourceException e) {
            throw new InvalidSheetException(List.of(new FieldError("source", e.getMessage())));
        }
        Map<String, Object> fields = sheet.frontMatter();
        List<FieldError> errors = new java.util.ArrayList<>(FiniteNumbers.errors(fields));
        if (errors.isEmpty()) {
            errors.addAll(schema.validate(fields, references));
        }
        if (!errors.isEmpty()) {
            throw new InvalidSheetException(errors);
        }
        MarkdownRenderer.Rendered rendered = renderer.render(sheet.body(), wikiTargets);
        return new ParsedSheet(source, fields, String.valueOf(fields.get("kind")),
                String.valueOf(fields.get("title")).strip(), String.valueOf(fields.get("summary")).strip(),
                JsonFields.toJson(fields).toString(), rendered.html(), rendered.links(), aliases(fields));
    }

    /** The body alone through the same pipeline as a saved revision: for a live preview. */
    public String renderBody(String body, UnaryOperator<String> wikiTargets) {
        return renderer.render(body, wikiTargets).html();
    }

    /** The old names a sheet's front matter gives it. */
    static Set<String> aliases(Map<String, Object> frontMatter) {
        Set<String> aliases = new LinkedHashSet<>();
        if (frontMatter.get("aliases") instanceof List<?> names) {
            names.forEach(name -> aliases.add(String.valueOf(name).strip()));
        }
        return aliases;
    }
}
