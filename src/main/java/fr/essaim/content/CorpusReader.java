package fr.essaim.content;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Reads a corpus from a folder or from a zip archive. An archive is untrusted: entries that would
 * escape the target, links, oversized or too many entries, and files that are not UTF-8 are each
 * refused with a reason, and the valid files are still read.
 */
public final class CorpusReader {

    /** Limits on an uploaded archive. */
    public record Limits(long maxArchiveBytes, int maxEntries, long maxEntryBytes, long maxTotalBytes) {
        public static final Limits DEFAULT = new Limits(20L << 20, 5_000, 1L << 20, 100L << 20);
    }

    /** The corpus read, and what was refused or ignored on the way. */
    public record Result(Corpus corpus, ImportReport report) {
    }

    private CorpusReader() {
    }

    public static Result readFolder(Path folder) {
        return readFolder(folder, Corpus.SHEETS, Corpus.HISTORY);
    }

    /** The files of these sub-folders of a corpus folder only. */
    static Result readFolder(Path folder, String... subFolders) {
        Corpus corpus = new Corpus();
        ImportReport report = new ImportReport();
        for (String sub : subFolders) {
            Path dir = folder.resolve(sub);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    String path = folder.relativize(file).toString().replace('\\', '/');
                    if (!Corpus.isCorpusPath(path)) {
                        report.ignored(path, "fichier hors du format du corpus");
                        continue;
                    }
                    try {
                        corpus.put(path, Utf8.decode(Files.readAllBytes(file)));
                    } catch (ContentException e) {
                        report.refused(path, List.of(e.getMessage()));
                    }
                }
            } catch (IOException e) {
                report.refused(sub, List.of("dossier illisible : " + e.getMessage()));
            }
        }
        return new Result(corpus, report);
    }

    public static Result readZip(byte[] archive, Limits limits) throws ContentException {
        if (archive.length > limits.maxArchiveBytes()) {
            throw new ContentException("archive trop volumineuse (" + archive.length / 1024 + " Kio, "
                    + limits.maxArchiveBytes() / 1024 + " Kio au plus)");
        }
        Corpus corpus = new Corpus();
        ImportReport report = new ImportReport();
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(archive)).get()) {
            List<ZipArchiveEntry> entries = new ArrayList<>();
            Enumeration<ZipArchiveEntry> all = zip.getEntries();
            while (all.hasMoreElements()) {
                entries.add(all.nextElement());
                if (entries.size() > limits.maxEntries()) {
                    throw new ContentException("archive refusée : plus de " + limits.maxEntries() + " fichiers");
                }
            }
            String prefix = commonTopFolder(entries);
            long total = 0;
            for (ZipArchiveEntry entry : entries) {
                String name = entry.getName();
                if (entry.isDirectory()) {
                    continue;
                }
                String problem = unsafePath(name);
                if (problem != null) {
                    report.refused(name, List.of(problem));
                    continue;
                }
                if (entry.isUnixSymlink()) {
                    report.refused(name, List.of("lien symbolique refusé"));
                    continue;
                }
                String path = name.substring(prefix.length());
                if (!Corpus.isCorpusPath(path)) {
                    report.ignored(name, "fichier hors du format du corpus");
                    continue;
                }
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = readAtMost(in, limits.maxEntryBytes());
                }
                if (bytes == null) {
                    report.refused(name, List.of("fichier trop volumineux une fois décompressé (plus de "
                            + limits.maxEntryBytes() / 1024 + " Kio)"));
                    continue;
                }
                total += bytes.length;
                if (total > limits.maxTotalBytes()) {
                    throw new ContentException("archive refusée : plus de " + limits.maxTotalBytes() / (1 << 20)
                            + " Mio une fois décompressée");
                }
                try {
                    corpus.put(path, Utf8.decode(bytes));
                } catch (ContentException e) {
                    report.refused(name, List.of(e.getMessage()));
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new ContentException("archive zip illisible : " + e.getMessage());
        }
        return new Result(corpus, report);
    }

    /** An archive made of one folder holding the corpus (e.g. {@code content/fiches/…}) is read from inside it. */
    private static String commonTopFolder(List<ZipArchiveEntry> entries) {
        String top = null;
        for (ZipArchiveEntry entry : entries) {
            String name = entry.getName();
            int slash = name.indexOf('/');
            if (slash <= 0) {
                return "";
            }
            String first = name.substring(0, slash + 1);
            if (first.equals(Corpus.SHEETS) || first.equals(Corpus.HISTORY)) {
                return "";
            }
            if (top == null) {
                top = first;
            } else if (!top.equals(first)) {
                return "";
            }
        }
        return top == null || unsafePath(top) != null ? "" : top;
    }

    /** Why an entry name may not be written under the target folder, or null if it may. */
    static String unsafePath(String name) {
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            return "nom de fichier vide ou invalide";
        }
        if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")) {
            return "chemin absolu refusé";
        }
        if (name.contains("\\")) {
            return "chemin avec barre oblique inverse refusé";
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                return "chemin qui sort du dossier cible (« .. ») refusé";
            }
        }
        return null;
    }

    /** The stream's bytes, or null past the limit: sizes announced by the archive are not trusted. */
    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long read = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            read += n;
            if (read > limit) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
