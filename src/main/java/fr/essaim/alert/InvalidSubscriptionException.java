package fr.essaim.alert;

/** A subscription request that cannot be taken: the message says why, in French, for the person. */
public class InvalidSubscriptionException extends Exception {

    public InvalidSubscriptionException(String message) {
        super(message);
    }
}
