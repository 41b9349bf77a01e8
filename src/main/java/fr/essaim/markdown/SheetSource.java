package fr.essaim.markdown;

import java.io.StringReader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import fr.essaim.shared.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;

/**
 * The Markdown source of a sheet: YAML front matter between two {@code ---} lines, then the body.
 */
public record SheetSource(Map<String, Object> frontMatter, String body) {

    /** Sheets are documents, not data dumps: anything larger is refused before parsing. */
    public static final int MAX_LENGTH = 500_000;

    public static SheetSource parse(String source) throws InvalidSourceException {
        if (source == null || source.isBlank()) {
            throw new InvalidSourceException("la fiche est vide");
        }
        if (source.length() > MAX_LENGTH) {
            throw new InvalidSourceException("la fiche dépasse " + MAX_LENGTH + " caractères");
        }
        String text = source.startsWith("\uFEFF") ? source.substring(1) : source;
        text = text.replace("\r\n", "\n");
        if (!text.startsWith("---\n")) {
            throw new InvalidSourceException("la fiche doit commencer par un en-tête YAML entre deux lignes « --- »");
        }
        int end = text.indexOf("\n---", 3);
        while (end >= 0 && !isClosingLine(text, end + 1)) {
            end = text.indexOf("\n---", end + 4);
        }
        if (end < 0) {
            throw new InvalidSourceException("l'en-tête YAML n'est pas fermé par une ligne « --- »");
        }
        String yaml = text.substring(4, end + 1);
        int bodyStart = text.indexOf('\n', end + 1);
        String body = bodyStart < 0 ? "" : text.substring(bodyStart + 1);
        BodyLimits.check(body);
        return new SheetSource(parseYaml(yaml), body);
    }

    /**
     * Front matter is a few fields: anchors and aliases serve no author, and each alias can repeat
     * a whole subtree (a few kilobytes of YAML would expand into megabytes).
     */
    private static void refuseAliases(String yaml) throws InvalidSourceException {
        for (Event event : Yaml.threadParser().parse(new StringReader(yaml))) {
            if (event instanceof AliasEvent) {
                throw new InvalidSourceException("en-tête YAML : les références (&ancre / *alias) ne sont pas admises");
            }
        }
    }

    private static boolean isClosingLine(String text, int start) {
        int lineEnd = text.indexOf('\n', start);
        String line = lineEnd < 0 ? text.substring(start) : text.substring(start, lineEnd);
        return line.strip().equals("---");
    }

    private static Map<String, Object> parseYaml(String yaml) throws InvalidSourceException {
        try {
            // An alias is written with a star: without one, there is none to look for.
            if (yaml.indexOf('*') >= 0) {
                refuseAliases(yaml);
            }
            Object document = Yaml.threadParser().load(yaml);
            if (document == null) {
                return Map.of();
            }
            if (!(document instanceof Map<?, ?> map)) {
                throw new InvalidSourceException("l'en-tête YAML doit être une liste de champs « nom: valeur »");
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                fields.put(String.valueOf(entry.getKey()), entry.getValue());
            }
            return Collections.unmodifiableMap(fields);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 2;
            throw new InvalidSourceException("en-tête YAML illisible à la ligne " + line + " : " + french(e.getProblem()));
        } catch (YAMLException e) {
            throw new InvalidSourceException("en-tête YAML illisible : " + french(e.getMessage()));
        }
    }

    /** The parser's usual complaints, said in French; others are passed on as they are. */
    private static String french(String problem) {
        if (problem == null) {
            return "structure invalide";
        }
        if (problem.startsWith("found duplicate key")) {
            return "champ en double « " + problem.substring("found duplicate key".length()).strip() + " »";
        }
        if (problem.startsWith("Number of aliases")) {
            return "trop de références YAML (&ancre / *alias)";
        }
        if (problem.contains("mapping values are not allowed here")) {
            return "deux-points mal placé (mettez la valeur entre guillemets)";
        }
        if (problem.contains("could not find expected ':'")) {
            return "« : » attendu après le nom du champ";
        }
        if (problem.contains("found character '\\t'")) {
            return "tabulation interdite, indentez avec des espaces";
        }
        if (problem.contains("The incoming YAML document exceeds the limit")) {
            return "en-tête trop long";
        }
        return problem;
    }
}
