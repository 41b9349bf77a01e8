package fr.essaim.mail;

import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;

/** Where mails go: an SMTP server, or, without one, {@code .eml} files in the data folder. */
public record MailSettings(Optional<String> host, int port, Optional<String> user, Optional<String> password,
        String from, Path outboxDir) {

    public static MailSettings from(Config config) {
        Path data = Path.of(config.getOptionalValue("essaim.data.dir", String.class).orElse("./data"));
        return new MailSettings(
                config.getOptionalValue("essaim.smtp.host", String.class).filter(h -> !h.isBlank()),
                config.getOptionalValue("essaim.smtp.port", Integer.class).orElse(25),
                config.getOptionalValue("essaim.smtp.user", String.class).filter(u -> !u.isBlank()),
                config.getOptionalValue("essaim.smtp.password", String.class),
                config.getOptionalValue("essaim.mail.from", String.class).orElse("Essaim <ne-pas-repondre@essaim.invalid>"),
                data.toAbsolutePath().normalize().resolve("outbox"));
    }

    public static MailSettings smtp(String host, int port, String from) {
        return new MailSettings(Optional.of(host), port, Optional.empty(), Optional.empty(), from, Path.of("outbox"));
    }

    public boolean hasSmtp() {
        return host.isPresent();
    }
}
