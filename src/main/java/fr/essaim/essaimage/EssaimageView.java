package fr.essaim.essaimage;

import java.sql.SQLException;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** What the sheet page, the review page and the editors see of take-ups, gaps and views. */
@Named("essaimage")
@RequestScoped
public class EssaimageView {

    static final int GAPS_SHOWN = 100;

    @Inject
    Spread spread;

    @Inject
    SearchGaps gaps;

    @Inject
    SheetViews views;

    private List<Spread.Reproduction> reproductions;
    private List<Spread.Departement> departements;
    private List<SheetViews.Month> months;
    private List<SearchGaps.Gap> gapList;

    public List<Spread.Reproduction> reproductions(String slug) {
        if (reproductions == null) {
            reproductions = spread.reproductions(slug);
        }
        return reproductions;
    }

    public List<Spread.Departement> departements(String slug) {
        if (departements == null) {
            departements = spread.departements(reproductions(slug));
        }
        return departements;
    }

    /** « 3 reprises, sur 4 territoires ». */
    public String summary(String slug) {
        long places = reproductions(slug).stream().flatMap(r -> r.territories().stream()).distinct().count();
        String count = reprises(reproductions(slug).size());
        return Character.toUpperCase(count.charAt(0)) + count.substring(1) + ", " + (places == 0 ? "sans territoire précisé"
                : places == 1 ? "sur un territoire" : "sur " + places + " territoires");
    }

    public String reprises(long count) {
        return count == 1 ? "une reprise" : count + " reprises";
    }

    public List<SheetViews.Month> views(String slug) throws SQLException {
        if (months == null) {
            months = views.months(slug);
        }
        return months;
    }

    /** The new-sheet form with this title, for a gap an editor wants filled. */
    public String newSheet(String title) {
        return "/fiches/nouvelle?titre=" + java.net.URLEncoder.encode(title, java.nio.charset.StandardCharsets.UTF_8);
    }

    public List<SearchGaps.Gap> getGaps() throws SQLException {
        if (gapList == null) {
            gapList = gaps.list(GAPS_SHOWN);
        }
        return gapList;
    }
}
