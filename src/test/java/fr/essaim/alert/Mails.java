package fr.essaim.alert;

import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/** The parts of a received mail, decoded, as a reader sees them. */
final class Mails {

    private Mails() {
    }

    static String text(MimeMessage message) throws Exception {
        return part(message, "text/plain");
    }

    static String html(MimeMessage message) throws Exception {
        return part(message, "text/html");
    }

    private static String part(MimeMessage message, String type) throws Exception {
        MimeMultipart alternative = (MimeMultipart) message.getContent();
        for (int i = 0; i < alternative.getCount(); i++) {
            BodyPart part = alternative.getBodyPart(i);
            if (part.isMimeType(type)) {
                return (String) part.getContent();
            }
        }
        throw new AssertionError("pas de partie " + type);
    }
}
