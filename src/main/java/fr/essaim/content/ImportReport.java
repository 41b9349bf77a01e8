package fr.essaim.content;

import java.util.ArrayList;
import java.util.List;

/** What happened to each file of an import. */
public final class ImportReport {

    public enum Outcome { IMPORTED, UPDATED, REFUSED }

    public record Entry(String path, Outcome outcome, List<String> reasons) {
    }

    private final List<Entry> entries = new ArrayList<>();

    public void imported(String path) {
        entries.add(new Entry(path, Outcome.IMPORTED, List.of()));
    }

    public void updated(String path) {
        entries.add(new Entry(path, Outcome.UPDATED, List.of()));
    }

    public void refused(String path, List<String> reasons) {
        entries.add(new Entry(path, Outcome.REFUSED, List.copyOf(reasons)));
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    public long count(Outcome outcome) {
        return entries.stream().filter(e -> e.outcome() == outcome).count();
    }
}
