package fr.essaim.content;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.util.Map;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Writes a corpus as a zip archive or into a folder. */
public final class CorpusZip {

    /** A fixed date for every entry, so that the same corpus always gives the same archive. */
    private static final FileTime EPOCH = FileTime.fromMillis(315_532_800_000L);

    private CorpusZip() {
    }

    /** Writes the files a producer gives into a zip on this stream, entries in the order given. */
    public static void write(OutputStream out, Producer producer) throws IOException {
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
            zip.setEncoding("UTF-8");
            producer.produce((path, text) -> {
                ZipArchiveEntry entry = new ZipArchiveEntry(path);
                entry.setLastModifiedTime(EPOCH);
                zip.putArchiveEntry(entry);
                zip.write(text.getBytes(StandardCharsets.UTF_8));
                zip.closeArchiveEntry();
            });
        }
    }

    /** Gives files to a sink. */
    @FunctionalInterface
    public interface Producer {
        void produce(CorpusExporter.FileSink sink) throws IOException;
    }

    public static byte[] zip(Corpus corpus) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            write(bytes, sink -> {
                for (Map.Entry<String, String> file : corpus.files().entrySet()) {
                    sink.put(file.getKey(), file.getValue());
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
