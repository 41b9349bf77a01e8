import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import fr.essaim.markdown.MarkdownRenderer;
import fr.essaim.sheet.InvalidSheetException;
import fr.essaim.sheet.References;
import fr.essaim.sheet.SheetParser;
import fr.essaim.sheet.SheetSchema;
import fr.essaim.sheet.WikiTargets;
import fr.essaim.territory.TerritoryCatalog;
import fr.essaim.territory.TerritoryFile;
import fr.essaim.theme.ThemeService;

/**
 * CPU time of one thread to parse, validate and render a sheet, as the first-start import does for
 * each: the first N files of a folder read in memory, then parsed ROUNDS times (the first rounds warm
 * the JIT up). Noise of a shared machine aside, since it counts the thread's own CPU time.
 * Usage: java -cp target/classes:CLASSPATH src/bench/ParseBench.java FOLDER N [ROUNDS]
 */
public class ParseBench {
    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        List<String> sources = new ArrayList<>();
        WikiTargets.KnownNames names = new WikiTargets.KnownNames();
        try (var files = Files.list(Path.of(args[0]))) {
            for (Path file : files.sorted().toList()) {
                // Every sheet of the folder is known, as in an import: those taken up are found.
                names.add(file.getFileName().toString().replaceFirst("\\.md$", ""), null, List.of());
                if (sources.size() < count) {
                    sources.add(Files.readString(file));
                }
            }
        }
        References references = new References(new TerritoryCatalog(TerritoryFile.fromClasspath()), new ThemeService());
        WikiTargets targets = new WikiTargets(names);
        SheetParser parser = new SheetParser(SheetSchema.fromClasspath(), new MarkdownRenderer());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int round = 1; round <= rounds; round++) {
            long start = threads.getCurrentThreadCpuTime();
            int refused = 0;
            for (String source : sources) {
                try {
                    parser.parse(source, references, targets);
                } catch (InvalidSheetException e) {
                    refused++;
                }
            }
            long micros = (threads.getCurrentThreadCpuTime() - start) / 1_000 / sources.size();
            System.out.println("tour " + round + " : " + micros + " µs de CPU par fiche (" + sources.size() + " fiches, "
                    + refused + " refusée(s))");
        }
    }
}
