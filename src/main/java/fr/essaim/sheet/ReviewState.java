package fr.essaim.sheet;

/** Where one revision stands in the editorial workflow. */
public enum ReviewState {
    /** Written, not yet proposed: only its author and editors see it. */
    DRAFT("brouillon"),
    /** Proposed by its author, waiting for an editor. */
    SUBMITTED("en relecture"),
    /** Refused by an editor, with a comment. */
    REJECTED("refusée"),
    /** Replaced by a newer draft before it was published. */
    SUPERSEDED("remplacée"),
    /** The revision readers see. */
    PUBLISHED("publiée"),
    /** Was published, then replaced by a newer publication. */
    ARCHIVED("archivée"),
    /** Was the published revision of a sheet an editor withdrew. */
    WITHDRAWN("retirée");

    private final String label;

    ReviewState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether anybody may read it: what was published once stays in the public history. */
    public boolean isPublic() {
        return this == PUBLISHED || this == ARCHIVED;
    }

    /** Whether it is the open proposal of its sheet, which an editor can still publish. */
    public boolean isOpen() {
        return this == DRAFT || this == SUBMITTED;
    }
}
