package fr.essaim.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;

import fr.essaim.content.ImportReport.Outcome;

/** Reading untrusted zip archives: each attack refused with its reason, the valid files still read. */
class CorpusReaderTest {

    private static final String SHEET = "---\nkind: notion\n---\nTexte.\n";

    /** A zip made entry by entry, as an attacker could make it. */
    private static final class Zip {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final ZipArchiveOutputStream out = new ZipArchiveOutputStream(bytes);

        Zip file(String name, byte[] content) throws IOException {
            ZipArchiveEntry entry = new ZipArchiveEntry(name);
            out.putArchiveEntry(entry);
            out.write(content);
            out.closeArchiveEntry();
            return this;
        }

        Zip file(String name, String content) throws IOException {
            return file(name, content.getBytes(StandardCharsets.UTF_8));
        }

        Zip symlink(String name, String target) throws IOException {
            ZipArchiveEntry entry = new ZipArchiveEntry(name);
            entry.setUnixMode(UnixStat.LINK_FLAG | 0777);
            out.putArchiveEntry(entry);
            out.write(target.getBytes(StandardCharsets.UTF_8));
            out.closeArchiveEntry();
            return this;
        }

        byte[] bytes() throws IOException {
            out.close();
            return bytes.toByteArray();
        }
    }

    private static Map<String, String> reasons(ImportReport report, Outcome outcome) {
        return report.entries().stream().filter(e -> e.outcome() == outcome)
                .collect(Collectors.toMap(ImportReport.Entry::path, e -> String.join(" ; ", e.reasons())));
    }

    @Test
    void eachDangerousEntryIsRefusedWithItsReasonAndTheValidOnesAreRead() throws Exception {
        byte[] archive = new Zip()
                .file("fiches/valide.md", SHEET)
                .file("../../etc/evil.md", SHEET)
                .file("fiches/../../sortie.md", SHEET)
                .file("/fiches/absolu.md", SHEET)
                .file("C:/fiches/windows.md", SHEET)
                .symlink("fiches/lien.md", "/etc/passwd")
                .file("fiches/latin1.md", "---\ntitle: Préfecture\n---\n".getBytes(StandardCharsets.ISO_8859_1))
                .file("fiches/deuxieme.md", SHEET)
                .bytes();

        CorpusReader.Result result = CorpusReader.readZip(archive, CorpusReader.Limits.DEFAULT);

        assertEquals(List.of("fiches/deuxieme.md", "fiches/valide.md"), List.copyOf(result.corpus().files().keySet()));
        Map<String, String> refused = reasons(result.report(), Outcome.REFUSED);
        assertTrue(refused.get("../../etc/evil.md").contains("sort du dossier cible"), refused.toString());
        assertTrue(refused.get("fiches/../../sortie.md").contains("sort du dossier cible"));
        assertTrue(refused.get("/fiches/absolu.md").contains("chemin absolu"));
        assertTrue(refused.get("C:/fiches/windows.md").contains("chemin absolu"));
        assertTrue(refused.get("fiches/lien.md").contains("lien symbolique"));
        assertTrue(refused.get("fiches/latin1.md").contains("UTF-8"));
        assertEquals(6, refused.size());
    }

    @Test
    void aWindowsPathWithBackslashesIsRefused() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("..\\..\\fiches\\inverse.md"));
            zip.write(SHEET.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }

        CorpusReader.Result result = CorpusReader.readZip(bytes.toByteArray(), CorpusReader.Limits.DEFAULT);

        assertTrue(result.corpus().files().isEmpty());
        assertEquals(1, reasons(result.report(), Outcome.REFUSED).size(), result.report().entries().toString());
    }

    @Test
    void aFileThatInflatesBeyondTheLimitIsRefusedWithoutReadingItAll() throws Exception {
        byte[] bomb = new byte[3 << 20];
        byte[] archive = new Zip().file("fiches/bombe.md", bomb).file("fiches/valide.md", SHEET).bytes();
        assertTrue(archive.length < 20_000, "the archive itself is small: " + archive.length);

        CorpusReader.Result result = CorpusReader.readZip(archive, CorpusReader.Limits.DEFAULT);

        assertTrue(reasons(result.report(), Outcome.REFUSED).get("fiches/bombe.md").contains("trop volumineux"));
        assertEquals(List.of("fiches/valide.md"), List.copyOf(result.corpus().files().keySet()));
    }

    @Test
    void anArchiveWhoseTotalInflatesBeyondTheLimitIsRefusedWhole() throws Exception {
        Zip zip = new Zip();
        for (int i = 0; i < 5; i++) {
            zip.file("fiches/f" + i + ".md", new byte[900_000]);
        }
        CorpusReader.Limits limits = new CorpusReader.Limits(20L << 20, 5_000, 1L << 20, 3L << 20);

        ContentException error = assertThrows(ContentException.class, () -> CorpusReader.readZip(zip.bytes(), limits));
        assertTrue(error.getMessage().contains("une fois décompressée"), error.getMessage());
    }

    @Test
    void tooManyEntriesOrTooLargeAnArchiveIsRefusedWhole() throws Exception {
        Zip zip = new Zip();
        for (int i = 0; i < 30; i++) {
            zip.file("fiches/f" + i + ".md", SHEET);
        }
        byte[] archive = zip.bytes();

        ContentException tooMany = assertThrows(ContentException.class,
                () -> CorpusReader.readZip(archive, new CorpusReader.Limits(20L << 20, 20, 1L << 20, 100L << 20)));
        assertTrue(tooMany.getMessage().contains("plus de 20 fichiers"));
        ContentException tooLarge = assertThrows(ContentException.class,
                () -> CorpusReader.readZip(archive, new CorpusReader.Limits(1_000, 5_000, 1L << 20, 100L << 20)));
        assertTrue(tooLarge.getMessage().contains("archive trop volumineuse"));
    }

    @Test
    void somethingThatIsNotAZipIsRefusedWithAClearMessage() {
        ContentException error = assertThrows(ContentException.class,
                () -> CorpusReader.readZip("pas une archive".getBytes(StandardCharsets.UTF_8), CorpusReader.Limits.DEFAULT));
        assertTrue(error.getMessage().startsWith("archive zip illisible"));
    }

    @Test
    void anArchiveWrappedInOneFolderIsReadFromInsideItAndOtherFilesAreIgnored() throws Exception {
        byte[] archive = new Zip()
                .file("content/fiches/valide.md", SHEET)
                .file("content/historique/valide.yml", "revisions:\n  - number: 1\n")
                .file("content/schema.yml", "kinds: {}")
                .bytes();

        CorpusReader.Result result = CorpusReader.readZip(archive, CorpusReader.Limits.DEFAULT);

        assertEquals(List.of("fiches/valide.md", "historique/valide.yml"), List.copyOf(result.corpus().files().keySet()));
        assertEquals(Map.of("content/schema.yml", "fichier hors du format du corpus"), reasons(result.report(), Outcome.IGNORED));
    }
}
