package fr.essaim.search;

/** A search that cannot be run as asked; the message is French and says what to change. */
public class InvalidSearchException extends Exception {

    public InvalidSearchException(String message) {
        super(message);
    }
}
