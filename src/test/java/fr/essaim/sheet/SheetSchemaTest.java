package fr.essaim.sheet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import fr.essaim.markdown.InvalidSourceException;
import fr.essaim.markdown.SheetSource;
import fr.essaim.support.Sheets;

/** What an author is told when the front matter of a sheet does not follow {@code schema.yml}. */
class SheetSchemaTest {

    private static final SheetSchema SCHEMA = SheetSchema.fromClasspath();

    /** Themes 1 to 18 and a handful of known territories, unlike the permissive {@link Sheets#REFERENCES}. */
    private static final ReferenceData REFERENCES = new ReferenceData() {
        private final Set<String> territories = Set.of("region:84", "departement:54", "departement:2A",
                "epci:200067452", "commune:56006");

        @Override
        public boolean isTheme(int code) {
            return code >= 1 && code <= 18;
        }

        @Override
        public boolean isTerritory(String key) {
            return territories.contains(key);
        }
    };

    private static final String EXPERIENCE = """
            kind: experience
            title: Halte-garderie itinérante
            summary: Une halte-garderie qui circule entre trois communes.
            territories: [departement:54, commune:56006]
            themes: [6]
            porteur: {name: Communauté de communes de Seille et Mauchère, actorType: intercommunalité}
            status: pérennisée
            sources:
              - {title: Cahier des innovations, publisher: ADRETS, year: 2013, url: "https://www.adrets-asso.fr/"}
            """;

    private static final String FULL_EXPERIENCE = EXPERIENCE + """
            aliases: [HalteGarderieItinerante]
            territoryTypes: [rural, montagne]
            partners: [CAF de Meurthe-et-Moselle, MSA]
            funding: CAF et communes
            startYear: 2009
            statusYear: 2013
            publics: [familles, assistantes maternelles]
            keyFigures: [3 communes, 40 enfants accueillis]
            contact: accueil@cc-seille.example
            """;

    private static final String VADEMECUM = """
            kind: vademecum
            title: Ouvrir une maison de services au public
            summary: Les étapes pour ouvrir une maison de services au public.
            themes: [1, 2]
            sources:
              - {title: Guide des MSAP, publisher: CGET, year: 2016, url: "https://www.cget.gouv.fr/"}
            audience: [élus, secrétaires de mairie]
            year: 2016
            """;

    private static final String INNOVATION = """
            kind: innovation
            title: Le covoiturage solidaire
            summary: Des habitants conduisent leurs voisins sans voiture.
            themes: [12]
            sources:
              - {title: Carte des innovations, year: 2015}
            category: hybridation-public-prive
            nature: [sociale, "d'usage"]
            intensity: incrémentale
            maturity: diffusion
            transferability: forte
            weakSignal: true
            relatedExperiences: [halte-garderie-itinerante]
            territories: [region:84, epci:200067452]
            """;

    private static final String DISPOSITIF = """
            kind: dispositif
            title: Réseau national des maisons de services
            summary: Un réseau qui anime les maisons de services du pays.
            themes: [1]
            porteur: {name: Caisse des Dépôts, actorType: établissement public}
            sources:
              - {title: Bulletin du réseau, year: 2016}
            """;

    private static final String NOTION = """
            kind: notion
            title: Mutabilité
            summary: Le service public s'adapte aux besoins.
            themes: [4]
            sources:
              - {title: Wiki Services, year: 2019}
            """;

    private static final String STATUS_VALUES = "émergence, expérimentation, diffusion, pérennisée, arrêtée";
    private static final String ACTOR_TYPES = "commune, intercommunalité, syndicat mixte, pays ou PETR, département, région, "
            + "État, établissement public, organisme de protection sociale, espace de services au public, association, "
            + "coopérative, entreprise, collectif d'habitants, autre";
    private static final String KINDS = "experience, dispositif, vademecum, innovation, notion";
    private static final String NOT_A_TERRITORY_KEY = " n'est pas une clé de territoire (region:84, departement:05, "
            + "epci:200067452, commune:05006)";
    private static final String NO_SOURCE_TITLE =
            "chaque source a au moins un titre (title), et si possible publisher, year, url";
    private static final String NO_PORTEUR_NAME =
            "le porteur s'écrit avec un nom (name) et un type d'acteur (actorType)";
    private static final String NOT_A_TEXT = "un texte est attendu, pas une liste";

    private static List<FieldError> validate(String frontMatter) throws InvalidSourceException {
        return validateSource("---\n" + frontMatter + "---\nCorps de la fiche.\n");
    }

    private static List<FieldError> validateSource(String source) throws InvalidSourceException {
        return SCHEMA.validate(SheetSource.parse(source).frontMatter(), REFERENCES);
    }

    /** The sample experience with one line (or part of a line) replaced. */
    private static String experience(String original, String replacement) {
        return replace(EXPERIENCE, original, replacement);
    }

    private static String replace(String text, String original, String replacement) {
        if (!text.contains(original)) {
            throw new IllegalArgumentException("« " + original + " » is not in the sample sheet");
        }
        return text.replace(original, replacement);
    }

    // ----- valid sheets

    static Stream<Arguments> validSheets() {
        return Stream.of(
                Arguments.of("experience", "---\n" + EXPERIENCE + "---\n"),
                Arguments.of("experience, tous les champs", "---\n" + FULL_EXPERIENCE + "---\n"),
                Arguments.of("experience dont la source ne dit ni l'état ni les lieux", "---\n" + EXPERIENCE
                        .replace("status: pérennisée\n", "").replace("territories: [departement:54, commune:56006]\n", "") + "---\n"),
                Arguments.of("dispositif", "---\n" + DISPOSITIF + "---\n"),
                Arguments.of("vademecum", "---\n" + VADEMECUM + "---\n"),
                Arguments.of("innovation", "---\n" + INNOVATION + "---\n"),
                Arguments.of("notion", "---\n" + NOTION + "---\n"),
                Arguments.of("experience des tests", Sheets.experience("Halte-garderie itinérante", "## Contexte")),
                Arguments.of("notion des tests", Sheets.notion("Mutabilité", "Adaptabilité", "## Définition")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validSheets")
    void validSheetOfEachKindHasNoError(String description, String source) throws InvalidSourceException {
        assertEquals(List.of(), validateSource(source));
    }

    @Test
    void everyKindOfTheSchemaIsCoveredByAValidSample() {
        assertEquals(List.of("experience", "dispositif", "vademecum", "innovation", "notion"),
                SCHEMA.kinds().stream().map(KindDefinition::name).toList());
    }

    // ----- one faulty field, one message

    static Stream<Arguments> singleErrors() {
        return Stream.of(
                // required fields
                Arguments.of("titre absent", experience("title: Halte-garderie itinérante\n", ""),
                        "title", "champ obligatoire (Titre)"),
                Arguments.of("accroche vide", experience("summary: Une halte-garderie qui circule entre trois communes.",
                        "summary: \"   \""), "summary", "champ obligatoire (Accroche)"),
                Arguments.of("thèmes vides", experience("themes: [6]", "themes: []"),
                        "themes", "champ obligatoire (Thèmes)"),
                Arguments.of("type d'acteur hors liste", experience("actorType: intercommunalité}", "actorType: interco}"),
                        "porteur", "type d'acteur « interco » inconnu (" + ACTOR_TYPES + ")"),
                Arguments.of("année d'observation qui n'en est pas une", EXPERIENCE + "statusYear: récemment\n",
                        "statusYear", "« récemment » n'est pas une année (par exemple 2012)"),
                Arguments.of("porteur absent", experience(
                        "porteur: {name: Communauté de communes de Seille et Mauchère, actorType: intercommunalité}\n", ""),
                        "porteur", "champ obligatoire (Porteur)"),
                Arguments.of("type absent", experience("kind: experience\n", ""),
                        "kind", "champ obligatoire (" + KINDS + ")"),
                // enums
                Arguments.of("état inconnu", experience("status: pérennisée", "status: en cours"),
                        "status", "« en cours » n'est pas une valeur admise (" + STATUS_VALUES + ")"),
                Arguments.of("état sans accent", experience("status: pérennisée", "status: perennisee"),
                        "status", "« perennisee » n'est pas une valeur admise (" + STATUS_VALUES + ")"),
                Arguments.of("état donné en liste", experience("status: pérennisée", "status: [diffusion]"),
                        "status", "une seule valeur attendue parmi " + STATUS_VALUES),
                Arguments.of("type inconnu", experience("kind: experience", "kind: recette"),
                        "kind", "« recette » n'est pas une valeur admise (" + KINDS + ")"),
                Arguments.of("type de territoire inconnu parmi d'autres", EXPERIENCE + "territoryTypes: [rural, banlieue]\n",
                        "territoryTypes", "« banlieue » n'est pas une valeur admise (rural, périurbain, urbain, "
                                + "montagne, littoral, quartier prioritaire, outre-mer)"),
                // unknown field next to the right one
                Arguments.of("champ en trop", EXPERIENCE + "statut: pérennisée\n",
                        "statut", "champ inconnu pour le type « Fiche expérience » (champs admis : kind, title, "
                                + "summary, aliases, themes, sources, licence, territories, territoryTypes, porteur, partners, "
                                + "funding, startYear, status, statusYear, publics, keyFigures, contact, inspiredBy)"),
                // territories
                Arguments.of("clé de territoire abrégée", experience("departement:54", "dept:54"),
                        "territories", "« dept:54 »" + NOT_A_TERRITORY_KEY),
                Arguments.of("territoire sans niveau", experience("departement:54", "54"),
                        "territories", "« 54 »" + NOT_A_TERRITORY_KEY),
                Arguments.of("territoire en toutes lettres", experience("departement:54", "Meurthe-et-Moselle"),
                        "territories", "« Meurthe-et-Moselle »" + NOT_A_TERRITORY_KEY),
                Arguments.of("territoire inconnu", experience("departement:54", "departement:99"),
                        "territories", "territoire inconnu : « departement:99 »"),
                Arguments.of("commune inconnue", experience("commune:56006", "commune:56999"),
                        "territories", "territoire inconnu : « commune:56999 »"),
                // themes
                Arguments.of("thème hors liste", experience("themes: [6]", "themes: [42]"),
                        "themes", "« 42 » n'est pas un code de thème (1 à 18)"),
                Arguments.of("thème zéro", experience("themes: [6]", "themes: [6, 0]"),
                        "themes", "« 0 » n'est pas un code de thème (1 à 18)"),
                Arguments.of("thème en toutes lettres", experience("themes: [6]", "themes: [mobilité]"),
                        "themes", "« mobilité » n'est pas un code de thème (1 à 18)"),
                Arguments.of("thème entre guillemets", experience("themes: [6]", "themes: [\"6\"]"),
                        "themes", "« 6 » n'est pas un code de thème (1 à 18)"),
                // years
                Arguments.of("année en lettres", EXPERIENCE + "startYear: deux mille neuf\n",
                        "startYear", "« deux mille neuf » n'est pas une année (par exemple 2012)"),
                Arguments.of("année improbable", EXPERIENCE + "startYear: 1700\n",
                        "startYear", "« 1700 » n'est pas une année (par exemple 2012)"),
                Arguments.of("date au lieu d'une année", EXPERIENCE + "startYear: 2009-09\n",
                        "startYear", "« 2009-09 » n'est pas une année (par exemple 2012)"),
                Arguments.of("année de source approximative", experience("year: 2013", "year: vers 2013"),
                        "sources", "« vers 2013 » n'est pas une année (par exemple 2012)"),
                // sources
                Arguments.of("adresse sans protocole", experience("\"https://www.adrets-asso.fr/\"", "www.adrets-asso.fr"),
                        "sources", "« www.adrets-asso.fr » n'est pas une adresse web (http:// ou https://)"),
                Arguments.of("adresse qui n'en est pas une", experience("\"https://www.adrets-asso.fr/\"", "pas une adresse"),
                        "sources", "« pas une adresse » n'est pas une adresse web (http:// ou https://)"),
                Arguments.of("adresse javascript:", experience("\"https://www.adrets-asso.fr/\"", "\"javascript:alert(1)\""),
                        "sources", "« javascript:alert(1) » n'est pas une adresse web (http:// ou https://)"),
                Arguments.of("adresse ftp", experience("\"https://www.adrets-asso.fr/\"", "\"ftp://adrets-asso.fr/\""),
                        "sources", "« ftp://adrets-asso.fr/ » n'est pas une adresse web (http:// ou https://)"),
                Arguments.of("source sans titre", experience("title: Cahier des innovations, ", ""),
                        "sources", NO_SOURCE_TITLE),
                Arguments.of("source en texte seul", experience(
                        "\n  - {title: Cahier des innovations, publisher: ADRETS, year: 2013, url: \"https://www.adrets-asso.fr/\"}",
                        " [Cahier des innovations]"),
                        "sources", NO_SOURCE_TITLE),
                Arguments.of("information de source inconnue", experience("publisher: ADRETS", "auteur: ADRETS"),
                        "sources", "« auteur » n'est pas une information de source (title, publisher, year, url)"),
                // porteur
                Arguments.of("porteur sans nom", experience("name: Communauté de communes de Seille et Mauchère, ", ""),
                        "porteur", NO_PORTEUR_NAME),
                Arguments.of("porteur en texte seul", experience(
                        "{name: Communauté de communes de Seille et Mauchère, actorType: intercommunalité}",
                        "Communauté de communes de Seille et Mauchère"),
                        "porteur", NO_PORTEUR_NAME),
                Arguments.of("information du porteur inconnue", experience("actorType: intercommunalité", "role: pilote"),
                        "porteur", "« role » n'est pas une information du porteur (name, actorType)"),
                // text expected
                Arguments.of("accroche en liste", experience("summary: Une halte-garderie qui circule entre trois communes.",
                        "summary: [Une halte-garderie, trois communes]"), "summary", NOT_A_TEXT),
                Arguments.of("titre en liste", experience("title: Halte-garderie itinérante", "title: [Halte-garderie]"),
                        "title", NOT_A_TEXT),
                Arguments.of("contact en liste", EXPERIENCE + "contact: [accueil@cc-seille.example, 03 83 00 00 00]\n",
                        "contact", NOT_A_TEXT),
                Arguments.of("titre trop long", experience("title: Halte-garderie itinérante", "title: " + "a".repeat(501)),
                        "title", "texte trop long (501 caractères, 500 au plus)"),
                Arguments.of("ancien nom trop long", EXPERIENCE + "aliases: [" + "A".repeat(201) + "]\n",
                        "aliases", "texte trop long (201 caractères, 200 au plus)"),
                // innovation
                Arguments.of("catégorie d'innovation donnée par son libellé",
                        replace(INNOVATION, "category: hybridation-public-prive",
                                "category: Hybridation du public et du privé"),
                        "category", "« Hybridation du public et du privé » n'est pas une valeur admise ("
                                + "hybridation-citoyens-professionnels, hybridation-producteur-usager, "
                                + "hybridation-public-prive, hybridation-humain-numerique, "
                                + "hybridation-collectif-individuel, mutualisation-territoriale, "
                                + "coproduction-citoyenne, innovation-publique)"),
                Arguments.of("catégorie d'innovation absente", replace(INNOVATION, "category: hybridation-public-prive\n", ""),
                        "category", "champ obligatoire (Catégorie)"),
                Arguments.of("signal faible en texte", replace(INNOVATION, "weakSignal: true", "weakSignal: peut-être"),
                        "weakSignal", "« oui » ou « non » attendu"),
                Arguments.of("fiche liée par son titre",
                        replace(INNOVATION, "[halte-garderie-itinerante]", "[Halte-garderie itinérante]"),
                        "relatedExperiences",
                        "« Halte-garderie itinérante » n'est pas un identifiant de fiche (minuscules, chiffres et tirets)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singleErrors")
    void oneFaultyFieldGivesExactlyOneFrenchMessage(String description, String frontMatter, String field, String message)
            throws InvalidSourceException {
        assertEquals(List.of(new FieldError(field, message)), validate(frontMatter));
    }

    @Test
    void misspelledFieldIsReportedAndTheRealOneIsMissing() throws InvalidSourceException {
        List<FieldError> errors = validate(experience("porteur: {", "porter: {"));

        assertEquals(List.of("porter", "porteur"), errors.stream().map(FieldError::field).toList());
        assertTrue(errors.get(0).message().startsWith("champ inconnu pour le type « Fiche expérience »"),
                errors.get(0).message());
        assertTrue(errors.get(0).message().contains("porteur"), "the message should point to the right name");
        assertEquals("champ obligatoire (Porteur)", errors.get(1).message());
    }

    @Test
    void fieldOfAnotherKindIsUnknown() throws InvalidSourceException {
        List<FieldError> errors = validate(NOTION + "category: innovation-publique\n");

        assertEquals(1, errors.size(), errors.toString());
        assertEquals("category", errors.get(0).field());
        assertTrue(errors.get(0).message().startsWith("champ inconnu pour le type « Notion » (champs admis : "),
                errors.get(0).message());
    }

    @Test
    void unknownKindStopsThereWithoutDrowningTheAuthor() throws InvalidSourceException {
        List<FieldError> errors = validate(experience("kind: experience", "kind: Expérience") + "statut: x\n");

        assertEquals(List.of(new FieldError("kind", "« Expérience » n'est pas une valeur admise (" + KINDS + ")")),
                errors);
    }

    @Test
    void severalFaultyFieldsGiveOneMessageEach() throws InvalidSourceException {
        String frontMatter = experience("status: pérennisée", "status: en cours")
                .replace("themes: [6]", "themes: [42, 99, mobilité]")
                .replace("departement:54", "departement:99")
                + "startYear: bientôt\n"
                + "territoryTypes: [banlieue, ville]\n";

        List<FieldError> errors = validate(frontMatter);

        assertEquals(List.of(
                new FieldError("themes", "« 42 » n'est pas un code de thème (1 à 18)"),
                new FieldError("territories", "territoire inconnu : « departement:99 »"),
                new FieldError("territoryTypes", "« banlieue » n'est pas une valeur admise (rural, périurbain, urbain, "
                        + "montagne, littoral, quartier prioritaire, outre-mer)"),
                new FieldError("startYear", "« bientôt » n'est pas une année (par exemple 2012)"),
                new FieldError("status", "« en cours » n'est pas une valeur admise (" + STATUS_VALUES + ")")),
                errors);
    }

    @Test
    void nearlyEmptySheetListsEveryMissingField() throws InvalidSourceException {
        List<FieldError> errors = validate("kind: experience\ntitle: Halte-garderie\n");

        assertEquals(List.of("summary", "themes", "sources", "porteur"),
                errors.stream().map(FieldError::field).toList());
        assertTrue(errors.stream().allMatch(e -> e.message().startsWith("champ obligatoire (")), errors.toString());
    }

    @Test
    void errorReadsAsFieldThenMessage() {
        assertEquals("status : champ obligatoire (État d'avancement)",
                new FieldError("status", "champ obligatoire (État d'avancement)").toString());
    }

    @Test
    void authorsMayWriteOuiNonAndAQuotedYear() {
        SheetSchema schema = SheetSchema.fromClasspath();
        ReferenceData references = fr.essaim.support.Sheets.REFERENCES;
        java.util.Map<String, Object> innovation = new java.util.LinkedHashMap<>(java.util.Map.of(
                "kind", "innovation", "title", "Banques de temps", "summary", "Échanger des heures.",
                "themes", java.util.List.of(10), "category", "coproduction-citoyenne",
                "sources", java.util.List.of(java.util.Map.of("title", "Service public 2.0"))));
        innovation.put("weakSignal", "oui");
        assertEquals(java.util.List.of(), schema.validate(innovation, references));
        innovation.put("weakSignal", "peut-être");
        assertEquals("« oui » ou « non » attendu", schema.validate(innovation, references).get(0).message());

        java.util.Map<String, Object> notion = new java.util.LinkedHashMap<>(java.util.Map.of(
                "kind", "notion", "title", "Continuité", "summary", "Un principe.", "themes", java.util.List.of(4),
                "sources", java.util.List.of(java.util.Map.of("title", "Wiki")), "year", "2012"));
        assertEquals(java.util.List.of(), schema.validate(notion, references));
    }
}
