package fr.essaim.security;

import java.util.List;

/** The roles of Essaim, from the least to the most trusted. */
public final class Roles {

    public static final String CONTRIBUTOR = "contributor";
    public static final String EDITOR = "editor";
    public static final String ADMIN = "admin";
    public static final List<String> ALL = List.of(CONTRIBUTOR, EDITOR, ADMIN);

    private Roles() {
    }
}
