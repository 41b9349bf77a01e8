package fr.essaim.search;

import java.io.IOException;

/** The change log no longer holds every change after the index's last one: the index must be rebuilt. */
public class IndexBehindException extends IOException {

    private static final long serialVersionUID = 1L;

    IndexBehindException(long applied) {
        super("l'index s'est arrêté au changement " + applied
                + ", que le journal des changements ne contient plus : il doit être reconstruit");
    }
}
