package fr.essaim.sheet;

/** A sheet's published state may have changed: a change-log entry was written for it. */
public record SheetChanged(String slug) {
}
