package fr.essaim.opendata;

import java.util.List;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import fr.essaim.search.InvalidSearchException;

/** How the search API tells a CSV request from a JSON one, and how it answers it. */
public final class SearchCsv {

    private static final MediaType CSV = new MediaType("text", "csv");

    private SearchCsv() {
    }

    /** {@code format=csv}, or an Accept header whose first choice is CSV itself (not a wildcard). */
    public static boolean wanted(String format, List<MediaType> accepted) throws InvalidSearchException {
        if (format != null && !format.isBlank()) {
            String chosen = format.strip().toLowerCase(java.util.Locale.ROOT);
            if (!chosen.equals("csv") && !chosen.equals("json")) {
                throw new InvalidSearchException("« format » vaut json ou csv (reçu : " + format + ")");
            }
            return chosen.equals("csv");
        }
        return !accepted.isEmpty() && !accepted.get(0).isWildcardType() && !accepted.get(0).isWildcardSubtype()
                && accepted.get(0).isCompatible(CSV);
    }

    public static Response answer(StreamingOutput csv) {
        return Response.ok(csv, OpenDataExports.CSV_TYPE + ";charset=UTF-8;header=present")
                .header("Content-Disposition", "attachment; filename=\"essaim-recherche.csv\"")
                .header("Cache-Control", "public, max-age=60")
                .header("Vary", "Accept, Accept-Encoding")
                .build();
    }
}
