package fr.essaim.mail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Without an SMTP server: each mail becomes a file that any mail program opens. */
public final class EmlDelivery implements Delivery {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path folder;

    public EmlDelivery(Path folder) {
        this.folder = folder;
    }

    @Override
    public void deliver(long id, String mime) throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve(STAMP.format(LocalDateTime.now()) + "-" + id + ".eml");
        Path partial = folder.resolve(file.getFileName() + ".part");
        Files.writeString(partial, mime, StandardCharsets.US_ASCII);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
