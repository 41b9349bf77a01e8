package fr.essaim.content;

import java.util.ArrayList;
import java.util.List;

/** What happened to each file of an import. */
public final class ImportReport {

    public enum Outcome {
        IMPORTED("importée"), UPDATED("mise à jour"), UNCHANGED("inchangée"), REFUSED("refusée"), IGNORED("ignoré");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public record Entry(String path, Outcome outcome, List<String> reasons) {
    }

    private final List<Entry> entries = new ArrayList<>();

    public void add(String path, Outcome outcome) {
        entries.add(new Entry(path, outcome, List.of()));
    }

    /** A file that came in, with each value the import had to change or leave out, said to the importer. */
    public void add(String path, Outcome outcome, List<String> changes) {
        entries.add(new Entry(path, outcome, List.copyOf(changes)));
    }

    public void refused(String path, List<String> reasons) {
        entries.add(new Entry(path, Outcome.REFUSED, List.copyOf(reasons)));
    }

    /** Adds the entries of another report, e.g. of the files read before the import. */
    public void addAll(ImportReport other) {
        entries.addAll(other.entries);
    }

    public void ignored(String path, String reason) {
        entries.add(new Entry(path, Outcome.IGNORED, List.of(reason)));
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    public long count(Outcome outcome) {
        return entries.stream().filter(e -> e.outcome() == outcome).count();
    }

    public String summary() {
        return count(Outcome.IMPORTED) + " importée(s), " + count(Outcome.UPDATED) + " mise(s) à jour, "
                + count(Outcome.UNCHANGED) + " inchangée(s), " + count(Outcome.REFUSED) + " refusée(s), "
                + count(Outcome.IGNORED) + " fichier(s) ignoré(s)";
    }
}
