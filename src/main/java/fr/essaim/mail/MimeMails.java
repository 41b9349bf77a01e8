package fr.essaim.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/** Turns a {@link Mail} into the MIME text that is stored in the outbox and sent as it is. */
public final class MimeMails {

    private static final Session OFFLINE = Session.getInstance(new Properties());

    private MimeMails() {
    }

    public static String toMime(Mail mail, String from) {
        try {
            MimeMessage message = new MimeMessage(OFFLINE);
            message.setFrom(new InternetAddress(from));
            message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(mail.to()));
            message.setSubject(mail.subject(), "UTF-8");
            message.setSentDate(new Date());
            message.setHeader("Content-Language", "fr");
            // No vacation replies or bounces-to-sender loops for automatic mails (RFC 3834).
            message.setHeader("Auto-Submitted", "auto-generated");
            if (mail.unsubscribeUrl() != null) {
                message.setHeader("List-Unsubscribe", "<" + mail.unsubscribeUrl() + ">");
                message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            }
            MimeMultipart alternative = new MimeMultipart("alternative");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(mail.text(), "UTF-8", "plain");
            alternative.addBodyPart(text);
            MimeBodyPart html = new MimeBodyPart();
            html.setText(mail.html(), "UTF-8", "html");
            alternative.addBodyPart(html);
            message.setContent(alternative);
            message.saveChanges();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            message.writeTo(bytes);
            // Every part is encoded for 7-bit transport: the text is plain ASCII.
            return bytes.toString(StandardCharsets.US_ASCII);
        } catch (MessagingException | IOException e) {
            throw new IllegalArgumentException("courriel impossible à composer : " + e.getMessage(), e);
        }
    }
}
