package fr.essaim.alert;

import java.util.Locale;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/** E-mail addresses as people type them: checked strictly, stored in lower case so that one address is one subscriber. */
final class Addresses {

    static final int MAX_LENGTH = 254;

    private Addresses() {
    }

    static String normalize(String typed) throws InvalidSubscriptionException {
        String address = typed == null ? "" : typed.strip();
        if (address.isEmpty()) {
            throw new InvalidSubscriptionException("Indiquez votre adresse électronique.");
        }
        String invalid = "Adresse électronique invalide : « " + shortened(address) + " » (format attendu : nom@domaine.fr).";
        if (address.length() > MAX_LENGTH) {
            throw new InvalidSubscriptionException(invalid);
        }
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            parsed.validate();
            String domain = address.substring(address.lastIndexOf('@') + 1);
            // A bare address only (no "Name <…>", no local host): what a mail can be sent to.
            if (!parsed.getAddress().equals(address) || parsed.getPersonal() != null || !domain.contains(".")
                    || domain.startsWith(".") || domain.endsWith(".") || address.chars().anyMatch(c -> c < 33 || c == 127)) {
                throw new InvalidSubscriptionException(invalid);
            }
        } catch (AddressException e) {
            throw new InvalidSubscriptionException(invalid);
        }
        return address.toLowerCase(Locale.ROOT);
    }

    private static String shortened(String address) {
        return address.length() > 80 ? address.substring(0, 80) + "…" : address;
    }
}
