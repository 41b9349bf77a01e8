package fr.essaim.essaimage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import fr.essaim.shared.JsonFields;
import fr.essaim.sheet.KindDefinition;
import fr.essaim.sheet.Revision;
import fr.essaim.sheet.SheetSchema;
import fr.essaim.sheet.SheetService;

/**
 * « Je l'ai fait aussi » : the new-sheet form of someone who took up an experience starts as an
 * experience of its own — its own place, carrier and results to write — that names the one taken
 * up, on the same themes, with the sections of an experience to fill.
 */
@ApplicationScoped
public class TakeUpForm {

    static final String EXPERIENCE = "experience";

    /** What the form starts with, and the title of the experience taken up. */
    public record Start(String takenUp, Map<String, Object> values, String body) {
    }

    @Inject
    SheetService sheets;

    /** The start of a take-up of this published experience; nothing for another sheet. */
    public Optional<Start> start(String slug) {
        Optional<Revision> published = slug == null ? Optional.empty() : sheets.findPublished(slug);
        if (published.isEmpty() || !EXPERIENCE.equals(published.get().getKind())) {
            return Optional.empty();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("kind", EXPERIENCE);
        values.put(SheetSchema.INSPIRED_BY, List.of(slug));
        JsonObject fields = JsonFields.parse(published.get().getFieldsJson());
        if (fields.get("themes") instanceof JsonArray themes) {
            List<Integer> codes = new ArrayList<>();
            themes.forEach(code -> codes.add(Integer.valueOf(code.toString())));
            values.put("themes", codes);
        }
        StringBuilder body = new StringBuilder();
        for (String section : sheets.schema().kind(EXPERIENCE).map(KindDefinition::sections).orElse(List.of())) {
            body.append("## ").append(section).append("\n\n\n");
        }
        return Optional.of(new Start(published.get().getTitle(), values, body.toString().strip() + "\n"));
    }
}
