package fr.essaim.content;

import java.util.ArrayList;
import java.util.List;

/**
 * What happened to each file of an import. It fills up while the import runs, and may be read
 * meanwhile from another thread to show the progress.
 */
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
    private int expected;

    public synchronized void add(String path, Outcome outcome) {
        entries.add(new Entry(path, outcome, List.of()));
    }

    /** A file that came in, with each value the import had to change or leave out, said to the importer. */
    public synchronized void add(String path, Outcome outcome, List<String> changes) {
        entries.add(new Entry(path, outcome, List.copyOf(changes)));
    }

    public synchronized void refused(String path, List<String> reasons) {
        entries.add(new Entry(path, Outcome.REFUSED, List.copyOf(reasons)));
    }

    /** Adds the entries of another report, e.g. of the files read before the import. */
    public synchronized void addAll(ImportReport other) {
        entries.addAll(other.entries());
    }

    public synchronized void ignored(String path, String reason) {
        entries.add(new Entry(path, Outcome.IGNORED, List.of(reason)));
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** Announces how many files the whole import will report: those already reported and {@code more}. */
    public synchronized void expectMore(int more) {
        expected = entries.size() + more;
    }

    /** The files reported so far. */
    public synchronized int done() {
        return entries.size();
    }

    /** The files the import will report, as far as it knows. */
    public synchronized int total() {
        return Math.max(expected, entries.size());
    }

    public synchronized long count(Outcome outcome) {
        return entries.stream().filter(e -> e.outcome() == outcome).count();
    }

    public String summary() {
        return count(Outcome.IMPORTED) + " importée(s), " + count(Outcome.UPDATED) + " mise(s) à jour, "
                + count(Outcome.UNCHANGED) + " inchangée(s), " + count(Outcome.REFUSED) + " refusée(s), "
                + count(Outcome.IGNORED) + " fichier(s) ignoré(s)";
    }
}
