package fr.essaim.alert;

import jakarta.mail.internet.MimeMessage;

import fr.essaim.support.MailBox;

/** The parts of a received mail, decoded, as a reader sees them. */
final class Mails {

    private Mails() {
    }

    static String text(MimeMessage message) throws Exception {
        return MailBox.text(message);
    }

    static String html(MimeMessage message) throws Exception {
        return MailBox.html(message);
    }
}
