package fr.essaim.mail;

/**
 * A mail to one person: a plain-text and an HTML version of the same message, and the address that
 * stops such mails (sent as {@code List-Unsubscribe} with one-click, RFC 8058), if there is one.
 */
public record Mail(String to, String subject, String text, String html, String unsubscribeUrl) {
}
