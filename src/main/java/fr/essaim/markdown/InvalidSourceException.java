package fr.essaim.markdown;

/** A sheet source that cannot be read; the message is French and meant for the author. */
public class InvalidSourceException extends Exception {

    public InvalidSourceException(String message) {
        super(message);
    }
}
