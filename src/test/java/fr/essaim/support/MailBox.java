package fr.essaim.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A real SMTP server on 127.0.0.1 (GreenMail) at the port the build gives the application as
 * ESSAIM_SMTP_PORT, and what a test asks of the mails it received: those to one address, waiting
 * for them, their text and HTML as a reader sees them.
 */
public final class MailBox implements AutoCloseable {

    public static final int SMTP_PORT = Integer.getInteger("essaim.test.smtp.port", 3925);

    private final GreenMail smtp;

    private MailBox(GreenMail smtp) {
        this.smtp = smtp;
    }

    public static MailBox start() {
        GreenMail smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        return new MailBox(smtp);
    }

    @Override
    public void close() {
        smtp.stop();
    }

    /** Every mail received for this address, in the order they came. */
    public List<MimeMessage> to(String email) throws Exception {
        List<MimeMessage> mails = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (message.getAllRecipients()[0].toString().equals(email)) {
                mails.add(message);
            }
        }
        return mails;
    }

    /** Waits (up to a minute) until this address has received {@code count} mails; returns them all. */
    public List<MimeMessage> await(String email, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            List<MimeMessage> mails = to(email);
            if (mails.size() >= count) {
                return mails;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(count + " courriel(s) attendu(s) pour " + email + ", reçu(s) : " + to(email).size());
    }

    public static String text(MimeMessage message) throws Exception {
        return part(message, "text/plain");
    }

    public static String html(MimeMessage message) throws Exception {
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
