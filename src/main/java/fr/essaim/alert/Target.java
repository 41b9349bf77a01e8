package fr.essaim.alert;

/** What a subscription follows: a search (a normalized query string) or a sheet (its slug). */
public record Target(String kind, String value) {

    public static final String SEARCH = "search";
    public static final String SHEET = "sheet";

    @jakarta.json.bind.annotation.JsonbTransient
    public boolean isSearch() {
        return SEARCH.equals(kind);
    }
}
