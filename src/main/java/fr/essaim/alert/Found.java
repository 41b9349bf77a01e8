package fr.essaim.alert;

/** A published sheet as a digest lists it. */
public record Found(String slug, String title, String summary) {
}
