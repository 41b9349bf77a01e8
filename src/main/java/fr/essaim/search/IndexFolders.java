package fr.essaim.search;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The folders of the search index under its root: numbered folders {@code index-N}, and the file
 * {@code current} naming the one served, replaced in one atomic rename.
 */
final class IndexFolders {

    private static final Logger LOG = Logger.getLogger(IndexFolders.class.getName());
    private static final String CURRENT = "current";
    private static final String FOLDER_PREFIX = "index-";

    private final Path root;

    IndexFolders(Path root) {
        this.root = root;
    }

    /** The folder named by {@code current}; null when there is none or it is gone. */
    Path current() throws IOException {
        Path pointer = root.resolve(CURRENT);
        if (!Files.isRegularFile(pointer)) {
            return null;
        }
        String name = Files.readString(pointer, StandardCharsets.UTF_8).strip();
        Path folder = root.resolve(name);
        return name.startsWith(FOLDER_PREFIX) && Files.isDirectory(folder) ? folder : null;
    }

    /** No folder is named current any more: a crash before the next {@link #point} means a rebuild. */
    void forgetCurrent() throws IOException {
        Files.deleteIfExists(root.resolve(CURRENT));
    }

    /** A folder name not used yet, greater than every existing one, created. */
    Path fresh() throws IOException {
        long next = 1;
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.toList()) {
                String name = folder.getFileName().toString();
                if (name.startsWith(FOLDER_PREFIX)) {
                    try {
                        next = Math.max(next, Long.parseLong(name.substring(FOLDER_PREFIX.length())) + 1);
                    } catch (NumberFormatException e) {
                        // Not one of ours: left alone.
                    }
                }
            }
        }
        Path folder = root.resolve(FOLDER_PREFIX + next);
        Files.createDirectories(folder);
        return folder;
    }

    /** Names the folder to serve from, in one atomic rename: a crash leaves the old name or the new one. */
    void point(Path folder) throws IOException {
        Path pending = root.resolve(CURRENT + ".new");
        Files.writeString(pending, folder.getFileName().toString() + "\n", StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(pending, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(pending, root.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Removes what earlier runs left: older folders, a rebuild cut short, index files of the former layout. */
    void removeAllBut(Path served) {
        try (Stream<Path> entries = Files.list(root)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!entry.equals(served) && !name.equals(CURRENT)) {
                    deleteRecursively(entry);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Nettoyage du dossier de l'index incomplet : " + root, e);
        }
    }

    static void deleteRecursively(Path path) {
        try (Stream<Path> tree = Files.walk(path)) {
            for (Path file : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Suppression impossible : " + path, e);
        }
    }
}
