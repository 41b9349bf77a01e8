package fr.essaim.sheet;

import fr.essaim.shared.JsonFields;
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
                JsonFields.toJson(fields).toString(), rendered.html(), rendered.text(), rendered.links(), aliases(fields));
    }

    /**
     * As {@link #parse(String, ReferenceData, UnaryOperator)}, with the names of the sheets stored or being
     * imported: every sheet an experience says it took up ({@value SheetSchema#INSPIRED_BY}) must exist, and is
     * kept in the fields by its slug, which a change of title never alters.
     */
    public ParsedSheet parse(String source, ReferenceData references, WikiTargets targets) throws InvalidSheetException {
        ParsedSheet parsed = parse(source, references, (UnaryOperator<String>) targets);
        Object declared = parsed.frontMatter().get(SheetSchema.INSPIRED_BY);
        if (declared == null) {
            return parsed;
        }
        Set<String> slugs = new LinkedHashSet<>();
        List<FieldError> missing = new java.util.ArrayList<>();
        for (Object item : declared instanceof List<?> list ? list : List.of(declared)) {
            String name = String.valueOf(item).strip();
            // A former title is kept as the key of its text (or was the slug): it designates the renamed sheet.
            targets.find(name).or(() -> targets.find(WikiTargets.titleKey(name))).ifPresentOrElse(slugs::add, () -> missing.add(new FieldError(SheetSchema.INSPIRED_BY,
                    "« Inspirée de » : aucune fiche n'a l'identifiant, le titre ou l'ancien nom « " + name + " »")));
        }
        if (!missing.isEmpty()) {
            throw new InvalidSheetException(missing);
        }
        Map<String, Object> fields = new java.util.LinkedHashMap<>(parsed.frontMatter());
        fields.put(SheetSchema.INSPIRED_BY, List.copyOf(slugs));
        return new ParsedSheet(source, parsed.frontMatter(), parsed.kind(), parsed.title(), parsed.summary(),
                JsonFields.toJson(fields).toString(), parsed.html(), parsed.text(), parsed.links(), parsed.aliases());
    }

    /** The body alone through the same pipeline as a saved revision: for a live preview. */
    public String renderBody(String body, UnaryOperator<String> wikiTargets) {
        return renderer.render(body, wikiTargets).html();
    }

    /** The old names a sheet's front matter gives it. */
    /** The old names a stored source declares: it was valid when saved, so only its front matter is read again. */
    static Set<String> aliasesOf(String source) {
        try {
            return aliases(fr.essaim.markdown.SheetSource.parse(source).frontMatter());
        } catch (fr.essaim.markdown.InvalidSourceException e) {
            return Set.of();
        }
    }

    static Set<String> aliases(Map<String, Object> frontMatter) {
        Set<String> aliases = new LinkedHashSet<>();
        if (frontMatter.get("aliases") instanceof List<?> names) {
            names.forEach(name -> aliases.add(String.valueOf(name).strip()));
        }
        return aliases;
    }
}
