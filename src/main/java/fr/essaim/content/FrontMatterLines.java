package fr.essaim.content;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import fr.essaim.shared.Yaml;

/**
 * One-line keys of a sheet's front matter, read before the sheet is parsed (to know the corpus's
 * names and take-ups first); a sheet whose front matter does not read is refused with its reason
 * when it is parsed.
 */
final class FrontMatterLines {

    private FrontMatterLines() {
    }

    /** The value of {@code key} written on one line of the front matter, if there is one that reads. */
    static Optional<Object> value(String text, String key) {
        int end = text.indexOf("\n---", 3);
        for (String line : (end < 0 ? "" : text.substring(0, end)).split("\n")) {
            if (line.startsWith(key + ":")) {
                try {
                    if (Yaml.threadParser().load(line) instanceof Map<?, ?> map && map.get(key) != null) {
                        return Optional.of(map.get(key));
                    }
                } catch (RuntimeException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** The names of a one-line list key ({@code aliases: [a, b]}), stripped; none when absent. */
    static List<String> names(String text, String key) {
        return value(text, key).filter(List.class::isInstance).map(list -> ((List<?>) list).stream()
                .map(name -> String.valueOf(name).strip()).toList()).orElse(List.of());
    }
}
