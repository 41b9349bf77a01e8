package fr.essaim.content;

/** A corpus file that cannot be used; the message says why, in French. */
public class ContentException extends Exception {

    public ContentException(String message) {
        super(message);
    }
}
