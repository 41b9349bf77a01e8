import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.HashMap;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Deterministic synthetic corpus for benchmarks: the real sheets of a {@code content/} folder,
 * then derived sheets up to N — a real sheet moved to another commune, with other themes, another
 * start year and paragraphs mixed in from another sheet. Same N, same files, byte for byte.
 *
 * <p>Usage: {@code java src/bench/GenerateCorpus.java content N out-folder}
 */
public final class GenerateCorpus {

    private record Source(String slug, String frontMatter, String body) {
    }

    private record Commune(String code, String name, String departement) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: java GenerateCorpus.java <content> <N> <out>");
            System.exit(2);
        }
        Path content = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        Path out = Path.of(args[2]);
        List<Source> sources = readSheets(content.resolve("fiches"));
        List<Commune> communes = new ArrayList<>();
        Map<String, String> departements = new HashMap<>();
        readTerritories(content.resolve("territoires/territoires.csv"), communes, departements);

        Path fiches = Files.createDirectories(out.resolve("fiches"));
        Path history = Files.createDirectories(out.resolve("historique"));
        for (int i = 0; i < Math.min(n, sources.size()); i++) {
            String slug = sources.get(i).slug();
            Files.copy(content.resolve("fiches/" + slug + ".md"), fiches.resolve(slug + ".md"));
            copyHistory(content.resolve("historique"), history, slug);
        }
        for (int i = sources.size(); i < n; i++) {
            Random random = new Random(i * 31L + 7);
            Source template = sources.get(i % sources.size());
            Source other = sources.get(random.nextInt(sources.size()));
            Commune commune = communes.get(random.nextInt(communes.size()));
            String slug = derivedSlug(template.slug(), commune.name(), i);
            String text = "---\n" + frontMatter(template, commune, departements, random, communes) + "---\n"
                    + body(template, other, commune, departements, random);
            Files.writeString(fiches.resolve(slug + ".md"), text, StandardCharsets.UTF_8);
        }
        System.out.println(n + " fiches dans " + out);
    }

    private static List<Source> readSheets(Path folder) throws IOException {
        List<Source> sources = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                int end = text.indexOf("\n---\n", 4);
                String name = file.getFileName().toString();
                sources.add(new Source(name.substring(0, name.length() - 3), text.substring(4, end + 1),
                        text.substring(end + 5)));
            }
        }
        return sources;
    }

    private static void readTerritories(Path csv, List<Commune> communes, Map<String, String> departements)
            throws IOException {
        for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
            List<String> cells = cells(line);
            if (cells.get(0).equals("commune") && !cells.get(3).isEmpty()) {
                communes.add(new Commune(cells.get(1), cells.get(2), cells.get(3)));
            } else if (cells.get(0).equals("departement")) {
                departements.put(cells.get(1), cells.get(2));
            }
        }
    }

    /** One CSV line; names may be quoted ("Saint-Denis, île"). */
    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    private static void copyHistory(Path from, Path to, String slug) throws IOException {
        Path yml = from.resolve(slug + ".yml");
        if (Files.exists(yml)) {
            Files.copy(yml, to.resolve(slug + ".yml"));
        }
        Path older = from.resolve(slug);
        if (Files.isDirectory(older)) {
            Files.createDirectories(to.resolve(slug));
            try (Stream<Path> files = Files.list(older)) {
                files.forEach(f -> {
                    try {
                        Files.copy(f, to.resolve(slug).resolve(f.getFileName()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }

    private static String frontMatter(Source template, Commune commune, Map<String, String> departements, Random random,
            List<Commune> communes) {
        StringBuilder out = new StringBuilder();
        for (String line : template.frontMatter().split("\n")) {
            if (line.startsWith("title:")) {
                String title = titleOf(line) + " à " + commune.name();
                out.append("title: \"").append(title.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
            } else if (line.startsWith("aliases:")) {
                // Old names belong to the real sheet only.
                continue;
            } else if (line.startsWith("territories:")) {
                List<String> keys = new ArrayList<>(List.of("commune:" + commune.code()));
                if (random.nextInt(4) == 0) {
                    keys.add("commune:" + communes.get(random.nextInt(communes.size())).code());
                }
                if (random.nextInt(5) == 0) {
                    keys.add("departement:" + commune.departement());
                }
                out.append("territories: [").append(String.join(", ", keys)).append("]\n");
            } else if (line.startsWith("themes:")) {
                Set<Integer> themes = new LinkedHashSet<>();
                int count = 1 + random.nextInt(3);
                while (themes.size() < count) {
                    themes.add(1 + random.nextInt(18));
                }
                out.append("themes: ").append(themes).append("\n");
            } else if (line.startsWith("startYear:")) {
                out.append("startYear: ").append(1995 + random.nextInt(30)).append("\n");
            } else {
                out.append(line).append("\n");
            }
        }
        return out.toString();
    }

    private static String titleOf(String line) {
        String value = line.substring("title:".length()).strip();
        if (value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        } else if (value.startsWith("'") && value.endsWith("'")) {
            value = value.substring(1, value.length() - 1).replace("''", "'");
        }
        return value;
    }

    /** The template's text with one or two paragraphs of another sheet, and a line on the new place. */
    private static String body(Source template, Source other, Commune commune, Map<String, String> departements,
            Random random) {
        List<String> paragraphs = new ArrayList<>(List.of(template.body().split("\n\n")));
        List<String> borrowed = new ArrayList<>();
        for (String paragraph : other.body().split("\n\n")) {
            if (!paragraph.startsWith("#") && !paragraph.startsWith("-") && !paragraph.startsWith("|")
                    && !paragraph.contains("[[") && paragraph.length() > 80) {
                borrowed.add(paragraph.strip());
            }
        }
        int at = Math.min(paragraphs.size(), 2);
        for (int k = 0; k < 1 + random.nextInt(2) && !borrowed.isEmpty(); k++) {
            paragraphs.add(at, borrowed.remove(random.nextInt(borrowed.size())));
        }
        String departement = departements.getOrDefault(commune.departement(), commune.departement());
        paragraphs.add(1, "L'expérience a été reprise à " + commune.name() + " (" + departement + ").");
        return String.join("\n\n", paragraphs).stripTrailing() + "\n";
    }

    private static String derivedSlug(String template, String commune, int i) {
        String place = Normalizer.normalize(commune, Normalizer.Form.NFD).replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        String suffix = "-" + (place.length() > 30 ? place.substring(0, 30).replaceAll("-+$", "") : place) + "-" + i;
        int room = 80 - suffix.length();
        String base = template.length() > room ? template.substring(0, room).replaceAll("-+$", "") : template;
        return base + suffix;
    }
}
