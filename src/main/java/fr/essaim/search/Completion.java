package fr.essaim.search;

/** One completion of what is being typed: what to show, what it is (fiche, theme, territoire), where it leads. */
public record Completion(String text, String type, String value, String url) {
}
