package fr.essaim.mail;

/** Hands one stored mail over; returns only once it was accepted, throws otherwise. */
@FunctionalInterface
public interface Delivery {

    void deliver(long id, String mime) throws Exception;
}
