package fr.essaim.shared;

/** Conditional requests answered outside the REST layer, as the REST layer answers them. */
public final class EntityTags {

    private EntityTags() {
    }

    /**
     * Whether an {@code If-None-Match} header names this entity tag — among others, weakly (the
     * comparison HTTP asks for GET and HEAD) or as {@code *}; false without the header.
     */
    public static boolean held(String ifNoneMatch, String tag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String given : ifNoneMatch.split(",")) {
            String candidate = given.strip();
            if (candidate.equals("*") || candidate.equals(tag) || candidate.equals("W/" + tag)) {
                return true;
            }
        }
        return false;
    }
}
