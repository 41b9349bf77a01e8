package fr.essaim.opendata;

import java.util.Arrays;
import java.util.Optional;

/** The licences a sheet may be published under: the closed list of the {@code licence} front-matter field. */
public enum Licence {

    ETALAB_2_0("etalab-2.0", "Licence Ouverte 2.0 (Etalab)", "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"),
    CC_BY_4_0("cc-by-4.0", "CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    CC_BY_SA_4_0("cc-by-sa-4.0", "CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/");

    private final String code;
    private final String label;
    private final String url;

    Licence(String code, String label, String url) {
        this.code = code;
        this.label = label;
        this.url = url;
    }

    public static Optional<Licence> of(String code) {
        return Arrays.stream(values()).filter(l -> l.code.equals(code)).findFirst();
    }

    public String getCode() {
        return code;
    }

    public String getLabel() {
        return label;
    }

    public String getUrl() {
        return url;
    }

    /** Share-alike licences ask reusers to publish what they derive under the same licence. */
    public boolean isShareAlike() {
        return this == CC_BY_SA_4_0;
    }
}
