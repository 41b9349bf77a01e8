package fr.essaim.sheet;

/** Where a sheet stands for readers. A pending revision may exist in any state. */
public enum SheetState {
    /** Never published: only its authors and editors see it. */
    DRAFT,
    /** Shows its published revision to everyone. */
    PUBLISHED,
    /** Was published, withdrawn by an editor. */
    UNPUBLISHED
}
