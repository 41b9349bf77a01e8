package fr.essaim.support;

import fr.essaim.sheet.ReferenceData;

/** Small valid sheet sources for tests. */
public final class Sheets {

    private Sheets() {
    }

    /** Theme codes 1 to 18, and any well-formed territory key: enough where territories are not the subject. */
    public static final ReferenceData REFERENCES = new ReferenceData() {
        @Override
        public boolean isTheme(int code) {
            return code >= 1 && code <= 18;
        }

        @Override
        public boolean isTerritory(String key) {
            return true;
        }
    };

    public static String experience(String title, String body) {
        return """
                ---
                kind: experience
                title: "%s"
                summary: Une halte-garderie qui circule entre trois communes.
                territories: [departement:54]
                themes: [6]
                porteur: {name: Communauté de communes de Seille et Mauchère, actorType: intercommunalité}
                status: pérennisée
                sources:
                  - {title: Cahier des innovations, publisher: ADRETS, year: 2013}
                ---
                %s
                """.formatted(title, body);
    }

    public static String notion(String title, String aliases, String body) {
        return """
                ---
                kind: notion
                title: "%s"
                summary: Un principe du service public.
                aliases: [%s]
                themes: [4]
                sources:
                  - {title: Wiki Services, year: 2019}
                ---
                %s
                """.formatted(title, aliases, body);
    }
}
