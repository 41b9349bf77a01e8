package fr.essaim.mail;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import jakarta.mail.Authenticator;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

/** Sends through the configured SMTP server with Jakarta Mail. */
public final class SmtpDelivery implements Delivery {

    private final Session session;

    public SmtpDelivery(MailSettings settings) {
        Properties properties = new Properties();
        properties.put("mail.transport.protocol", "smtp");
        properties.put("mail.smtp.host", settings.host().orElseThrow());
        properties.put("mail.smtp.port", String.valueOf(settings.port()));
        // A server that does not answer must not hold the sender for long: the mail is tried again later.
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "20000");
        properties.put("mail.smtp.writetimeout", "20000");
        properties.put("mail.smtp.starttls.enable", "true");
        Authenticator authenticator = null;
        if (settings.user().isPresent()) {
            properties.put("mail.smtp.auth", "true");
            String user = settings.user().get();
            String password = settings.password().orElse("");
            authenticator = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(user, password);
                }
            };
        }
        session = Session.getInstance(properties, authenticator);
    }

    @Override
    public void deliver(long id, String mime) throws MessagingException {
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(mime.getBytes(StandardCharsets.US_ASCII)));
        // sendMessage, not Transport.send: the stored message is sent byte for byte, Message-ID included.
        try (Transport transport = session.getTransport()) {
            transport.connect();
            transport.sendMessage(message, message.getAllRecipients());
        }
    }
}
