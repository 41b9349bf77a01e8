package fr.essaim.alert;

import fr.essaim.mail.EmailAddresses;

/** E-mail addresses as people type them: checked strictly, stored in lower case so that one address is one subscriber. */
final class Addresses {

    private Addresses() {
    }

    static String normalize(String typed) throws InvalidSubscriptionException {
        if (typed == null || typed.isBlank()) {
            throw new InvalidSubscriptionException("Indiquez votre adresse électronique.");
        }
        return EmailAddresses.normalize(typed).orElseThrow(() -> new InvalidSubscriptionException(EmailAddresses.invalid(typed)));
    }
}
