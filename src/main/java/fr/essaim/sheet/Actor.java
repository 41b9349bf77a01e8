package fr.essaim.sheet;

import java.util.Set;

/** Who asks for a write, with the roles the security layer granted them. */
public record Actor(String name, Set<String> roles) {

    public static final String CONTRIBUTOR = "contributor";
    public static final String EDITOR = "editor";
    public static final String ADMIN = "admin";

    public Actor {
        roles = Set.copyOf(roles);
    }

    public boolean isContributor() {
        return roles.contains(CONTRIBUTOR) || isEditor();
    }

    public boolean isEditor() {
        return roles.contains(EDITOR);
    }

    public boolean isAdmin() {
        return roles.contains(ADMIN);
    }

    /** Whether this actor may read a revision that is not public. */
    public boolean canSee(Revision revision) {
        return revision.getReviewState().isPublic() || isEditor() || name.equals(revision.getAuthor());
    }
}
