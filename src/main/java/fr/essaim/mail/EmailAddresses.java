package fr.essaim.mail;

import java.util.Locale;
import java.util.Optional;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/** E-mail addresses as people type them: checked strictly, kept in lower case so that one address is one person. */
public final class EmailAddresses {

    public static final int MAX_LENGTH = 254;

    private EmailAddresses() {
    }

    /** The address a mail can be sent to, in lower case; empty when it is not one. */
    public static Optional<String> normalize(String typed) {
        String address = typed == null ? "" : typed.strip();
        if (address.isEmpty() || address.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            parsed.validate();
            String domain = address.substring(address.lastIndexOf('@') + 1);
            // A bare address only (no "Name <…>", no local host): what a mail can be sent to.
            if (!parsed.getAddress().equals(address) || parsed.getPersonal() != null || !domain.contains(".")
                    || domain.startsWith(".") || domain.endsWith(".") || address.chars().anyMatch(c -> c < 33 || c == 127)) {
                return Optional.empty();
            }
        } catch (AddressException e) {
            return Optional.empty();
        }
        return Optional.of(address.toLowerCase(Locale.ROOT));
    }

    /** "Adresse électronique invalide : « … » (format attendu : nom@domaine.fr)." */
    public static String invalid(String typed) {
        String address = typed == null ? "" : typed.strip();
        return "Adresse électronique invalide : « " + (address.length() > 80 ? address.substring(0, 80) + "…" : address)
                + " » (format attendu : nom@domaine.fr).";
    }
}
