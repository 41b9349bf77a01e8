-- Distinct search workload for wrk: 40,000 different search API addresses, generated the same in
-- every run by a seeded generator (MINSTD, exact in Lua numbers), so that the answer cache rarely
-- helps: words of the corpus that the repeated mix does not use (one to three), commune names
-- (few hits, spelling suggestions), random theme / département / kind / sort / page, and
-- filter-only browsing. Each wrk thread starts at its own place in the list, shifted by
-- BENCH_FROM (default 0) so that successive runs do not replay addresses already cached.
local words = {
  "aller", "description", "contexte", "objectifs", "service", "habitants", "succès", "facteurs", "résultats",
  "territoire", "rapport", "publics", "projets", "accès", "acteurs", "projet", "enseignements", "réseau",
  "autre", "besoins", "locaux", "innovations", "limites", "territoires", "collectivités", "conditions",
  "intérêt", "offre", "usagers", "difficultés", "publique", "territoriale", "trois", "cahier", "citoyens",
  "plutôt", "démarche", "général", "associations", "peuvent", "ville", "action", "cadre", "exemple",
  "exemples", "porteurs", "professionnels", "quatre", "agents", "dispositif", "souvent", "outils", "travail",
  "chacun", "collectivité", "initiatives", "points", "principe", "temps", "information", "parmi",
  "partenaires", "compétences", "ensemble", "financement", "permet", "premier", "reste", "région",
  "économique", "commune", "développement", "expérience", "expériences", "initiative", "lieux", "locale",
  "mêmes", "organisation", "partie", "réponse", "accompagnement", "collectif", "créer", "entreprises",
  "gestion", "maisons", "mettre", "personne", "proximité", "réseaux", "sociaux", "terrain", "économie",
  "appui", "expérimentation", "atelier", "autour", "compte", "droit", "département", "fonctionnement",
  "mieux", "organiser", "plateforme", "population", "propose", "puissance", "beaucoup", "besoin", "conseil",
  "document", "ensuite", "familles", "forme", "locales", "outil", "participants", "pratiques", "commun",
  "connaître", "coordination", "dispositifs", "démarches", "développer", "espaces", "grands", "modèle",
  "moins", "moyens", "national", "nombreux", "notamment", "place", "politique", "qualité", "structure",
  "vigilance", "équipe", "alpes", "animation", "auprès", "engagement", "financements", "lancé", "nouveaux",
  "partagé", "répondre", "seulement", "sociales", "structures", "suppose", "usager", "certains", "confiance",
  "contribution", "domicile", "effet", "entreprise", "espace", "grand", "horaires", "implication", "indiqué",
  "jusqu", "ligne", "logique", "mobiliser", "ouvrir", "parcours", "participatif", "participation",
  "présente", "ressources", "savoir", "sites", "solidaire", "tournée", "travailler", "étapes", "accompagner",
  "acteur", "contribuer", "diagnostic", "former", "gouvernance", "groupe", "loire", "nouvelles",
  "numériques", "partir", "politiques", "prise", "propres", "présence", "relation", "restent", "réunit",
  "société", "soutien", "territoriales", "travailleurs", "valeur", "équipements", "activité",
  "administration", "administrations", "adrets", "agent", "analyse", "ateliers", "autonomie", "bulletin",
  "citoyen", "droits", "durable", "environ", "groupes", "investissement", "mairie", "membres", "mission",
  "opérateur", "opérateurs", "ouverture", "parents", "partenariat", "permis", "portée", "proposition",
  "quartier", "rencontre", "rendre", "risque", "ruraux", "répond", "salariés", "surtout", "territorial",
  "tiers", "volontaires", "éducation", "évaluation", "appuie", "charge", "concurrence", "connaissance",
  "donner", "décrit", "dépendance", "effort", "esprit", "façon", "fiche", "juridique", "manière", "marché",
  "montrent", "partage", "pendant", "portage", "porté", "pratique", "privés", "programme", "publiques",
  "recherche", "recours", "relève", "rencontres", "règles", "simple", "solutions", "suffit", "techniques",
  "usage", "échanges", "équipement", "œuvre", "aider", "appel", "campagne", "carte", "choisir", "collectifs",
  "comment", "conseils", "construction", "conçu", "coopération", "coworking", "distance", "doivent", "donne",
  "données", "double", "essaimer", "financer", "fonction", "formes", "habitant", "idées", "ingénierie",
  "institutions", "juridiques", "matériel", "milieu", "méthode", "nationale", "nationaux", "niveau",
  "nombre", "nouveau", "nouvelle", "organismes", "oural", "parce", "passage", "permettent", "permettre",
  "petits", "porte", "prendre", "questions", "simples", "toute", "tâches", "économies", "économiques",
  "émerger", "abord", "absence", "accessibilité", "accompagné", "actions", "améliorer", "aménagement",
  "animateur", "année", "années", "associatif", "associe", "banques", "bureaux", "capable", "centres",
  "choisi", "choix", "classique", "contre", "convergence", "demandes", "difficulté", "domaines", "dossiers",
  "définir", "dépend", "développé", "entrée", "euros", "expertise", "faciliter", "fonds", "fragiles",
  "globale", "grande", "laboratoire", "mesure", "montre", "méthodes", "naître", "offres", "organise",
  "orienter", "ouvert", "ouvre", "parfois", "participative", "particulier", "pourquoi", "premiers",
  "première", "processus", "produit", "professionnelle", "préfecture", "président", "range", "repose",
  "rurales", "régionale", "réponses", "situation", "soins", "suivi", "tester", "travaille", "téléphone",
  "usages", "utilisateurs", "village", "villes", "volonté", "échange", "échelle", "égalité", "évite",
  "accompagne", "activités", "aides", "ailleurs", "ancienne", "autant", "banque", "bâtiments", "capacité",
  "choisit", "communication", "constat", "contact", "contributeurs", "coordonne", "crédits", "culturel",
  "diffusion", "direction", "disponibles", "durée", "définition", "départemental", "entrepreneurs",
  "environnement", "européenne", "facteur", "gratuit", "grâce", "générale", "hautes", "image", "individuels",
  "innovants", "interne", "intervenants", "janvier", "laboratoires", "lancer", "lisible", "maintien",
  "maire", "malades", "millions", "modes", "monde", "métier", "objectif", "offrir", "opération",
  "ordinateurs", "organisations", "orientation", "ouverte", "partenaire", "pistes", "plateformes", "portent",
  "porter", "porteur", "possible", "possibles", "pouvoirs", "prend", "procédures", "professionnel",
  "proposer", "proposé", "propre", "précise", "présenté", "quelques", "rappelle", "rassemble", "regard",
  "remplace", "retour", "reçoit", "royaume", "réflexion", "régions", "réussite", "saisonniers", "saône",
  "servir", "seuls", "solidaires", "solidarité", "souligne", "soutenir", "stratégie", "système", "thèmes",
  "tient", "toujours", "transports", "transversale", "troisième", "trouver", "valoriser", "voisins",
  "écoles", "équipes", "accueillir", "achat", "adaptation", "administrative", "administratives", "alpin",
  "alternative", "animer", "application", "apporte", "appuyer", "associer", "associés", "aujourd", "avait",
  "bonnes", "budget", "bénévole", "caisse", "canal", "capital", "caritatives", "changement", "charges",
  "chargé", "chiffres", "classiques", "cloisonnés", "collecte", "collectives", "comité", "complète",
  "complémentarités", "comportements", "compris", "conception", "consacré", "construire", "construit",
  "consultation", "continuité", "contraintes", "contribué", "coûteux", "critères", "créent", "davantage",
  "design", "designers", "devait", "devant", "devient", "difficile", "différents", "disposition", "domaine",
  "donnent", "décision", "départ", "départementale", "départementales", "départementaux", "déplacement",
  "engagent", "enjeu", "entraide", "essai", "essor", "européens", "existe", "experts", "facilement",
  "faible", "favoriser", "finance", "financé", "fondation", "fréquentation", "garantir", "garantit",
  "grille", "gèrent", "handicapés", "hauteur", "heures", "hôpital", "illustration", "inconditionnel",
  "incubation", "informations", "informatique", "informer", "inscrit", "inspiré", "installer",
  "institutionnelle", "intercommunalité", "interlocuteur", "intérêts", "isolement", "isère", "label",
  "libre", "libres", "lignes", "liste", "logements", "logiques", "maillon", "maladie", "manque", "manquent",
  "mobilisent", "mouvement", "mutinerie", "métiers", "nature", "neutre", "nombreuses", "nécessaire",
  "obligation", "observation", "octobre", "ouvertes", "ouverts", "partagent", "participatives",
  "participent", "particuliers", "permanences", "personnel", "pilotes", "plupart", "pompiers", "populaire",
  "populations", "pouvoir", "privé", "privée", "proches", "produits", "propositions", "prospective",
  "provence", "précis", "prévention", "prêts", "quelles", "rarement", "reconnue", "regrouper", "rendez",
  "retraite", "risques", "rurale", "réalisation", "régionales", "réuni", "réunir", "serait", "servent",
  "servi", "sgmap", "signé", "solution", "sortir", "spécialistes", "start", "statut", "technique",
  "territoriaux", "thématique", "tissu", "urgences", "utiliser", "variés", "vient", "visibles", "visio",
  "vérifier", "zones", "émergence", "étape", "évaluer", "accessible", "accord", "accueillent", "accéder",
  "adapter", "adapté", "adaptée", "adaptées", "adresse", "agence", "agisse", "agriculteurs", "aident",
  "alzheimer", "amélioration", "anime", "annuaire", "appels", "apporter", "approche", "articulation",
  "assemblée", "associative", "aucune", "autonomes", "avance", "avenir", "baisse", "bonne", "boston",
  "britannique", "bénéficiaires", "cabinet", "calendrier", "canaux", "capacités", "certaines", "chantier",
  "charte", "cherche", "citoyennes", "civique", "clair", "coconception", "coconstruction", "collaboration",
  "collaborative", "collective", "combine", "commande", "commerces", "complexes", "complexité", "complément",
  "complémentaires", "concentration", "concours", "condition", "conduit", "conduite", "consommateurs",
  "consommation", "contenu", "contrat", "contrepartie", "contrôle", "convaincre", "convention",
  "coproduction", "cours", "couvre", "crise", "critique", "création", "crédit", "créée", "devenir", "devenu",
  "devenue", "diffuser", "différentes", "disposent", "diversité", "durabilité", "dédiée", "délais",
  "départements", "dépenses", "dépôts", "efficacité", "emplois", "employeurs", "engage", "engager", "enjeux",
  "envie", "européen", "exigeant", "exigence", "existant", "expérimentations", "faits", "fallu", "familiale",
  "famille", "façons", "ferme", "financier", "financière", "financés", "fonctionne", "fonctionner",
  "fonctions", "formés", "forte", "français", "futur", "gagner", "garage", "garderie", "gestionnaire",
  "gniac", "grandes", "illustre", "impact", "impasses", "incubateur", "indicateurs", "industriels",
  "instances", "interventions", "inventer", "invite", "jamais", "japon", "journées", "lancée", "leader",
  "localement", "magasin", "malade", "marchés", "maternelle", "mecum", "meilleur", "menée", "mesurer",
  "meurthe", "mobiles", "mobilisation", "mobilise", "monnaies", "montage", "moselle", "moyen", "multiplient",
  "multiplier", "municipales", "municipalité", "municipaux", "mutualiser", "mutualisé", "nièvre", "normes",
  "objet", "obtenir", "oppose", "organisent", "organisme", "organisés", "paris", "parle", "partagée",
  "partagés", "partenariale", "passe", "passer", "places", "pourtant", "presse", "principal", "principes",
  "problème", "problèmes", "producteurs", "produire", "professionnelles", "progressent", "progressivement",
  "promotion", "protection", "protocole", "prototypage", "présentés", "question", "queyras", "raisonner",
  "recenser", "recommandations", "reconnaissance", "regrettent", "regroupe", "renforcer", "repas", "repris",
  "repérer", "repérées", "responsabilité", "retenu", "retient", "retours", "revient", "rythme", "réduire",
  "réduit", "réellement", "référence", "régionaux", "régulièrement", "répondent", "résidence", "saint",
  "schéma", "seine", "seule", "silos", "situations", "souples", "spécialisés", "subvention", "suite",
  "sujet", "tiennent", "trajets", "transversales", "travaux", "trouvent", "urbaine", "urbains", "utilisés",
  "utilité", "vente", "vingtaine", "vision", "vivre", "voirie", "volontaire", "vraie", "éclatée",
  "énergétique", "établissement", "étudiants", "abandon", "acceptent", "accessibles", "accompagnent",
  "accueilli", "accueils", "acquis", "actes", "actifs", "adaptabilité", "administratif", "affaires",
  "affichée", "agglomération", "agricole", "agrément", "agréments", "agréées", "alimentation", "alimentent",
  "allier", "ambition", "améliore", "aménagé", "ancien", "anciens", "anglo", "appliquée", "apprendre",
  "apprentissage", "aquitaine", "architecte", "ardèche", "arrêts", "articuler", "assistantes", "assurance",
  "assurés", "atteindre", "attention", "atypiques", "autorités", "auvergne", "auxiliaires", "avaient",
  "avril", "ayant", "balkanisation", "biens", "blanc", "bouquets", "bourg", "britanniques", "bureau",
  "bâtiment", "calme", "cantine", "canton", "catalogue", "catalyseur", "cellule", "centaines", "central",
  "chacune", "champ", "chemin", "chercheurs", "chroniques", "chômage", "citoyenne", "cités", "civile",
  "cohérente", "collaboratives", "commission", "comparable", "complémentaire", "concert", "concertation",
  "concrets", "confier", "confié", "conjointe", "connaît", "constate", "constitue", "continue",
  "contributions", "conviviaux", "coopératives", "coordonner", "coordonnée", "courriel", "couvrent", "coûts",
  "crainte", "crowdfunding", "créant", "créative", "culturelles", "côtés", "degré", "demain", "densité",
  "deviennent", "dialogue", "difficilement", "difficiles", "directe", "directement", "directeur",
  "dispersées", "dispose", "donné", "dossier", "durablement", "déclinaisons", "dédié", "dédiés",
  "dématérialisation", "dépassé", "déplacer", "déploiement", "désigne", "détiennent", "embauche", "emploie",
  "encadrement", "encourage", "enfant", "engagés", "entière", "entourage", "entretien", "environnementaux",
  "erreur", "exemplaire", "exige", "exigent", "existantes", "existence", "expliquer", "expliqué",
  "extérieur", "extérieurs", "fablab", "faciles", "facilité", "faute", "favorise", "financières",
  "fonctionnent", "fondé", "fondés", "format", "formations", "fortement", "fourni", "fragilisée", "frais",
  "freine", "freins", "garantie", "garder", "globalité", "groupé", "guichets", "gérée", "habitats",
  "hainaut", "halte", "hybridation", "identifier", "identifié", "impliquent", "importer", "impose", "impôt",
  "indiqués", "individuelles", "ingénieur", "inscription", "installés", "institution", "intensité",
  "intercommunalités", "interlocuteurs", "intermédiaire", "international", "internes", "intervenant",
  "intervention", "intégration", "isolés", "itinérante", "jeune", "journée", "jours", "jugent", "juillet",
  "laisser", "large", "lesquels", "levier", "limite", "livres", "liées", "logiciel", "logiciels", "loisirs",
  "longtemps", "longue", "lycée", "légitime", "légitimité", "maladies", "marges", "marque", "maternelles",
  "matériaux", "meilleure", "mesures", "milliers", "ministère", "mises", "mixité", "mixte", "mobile",
  "modèles", "moindre", "moment", "monter", "montrer", "moyenne", "mureaux", "mutualise", "mutualisent",
  "médias", "médiateur", "ménages", "nantes", "novembre", "nécessaires", "négocier", "objets", "obtenu",
  "office", "offrent", "opportunité", "ordre", "organisateur", "organisé", "organisée", "origine", "ouvrage",
  "parisiens", "parlementaire", "partager", "participant", "parties", "passages", "patients", "petites",
  "physique", "pilotage", "pluridisciplinaire", "portées", "portés", "posture", "pouvait", "premières",
  "presque", "prestataire", "prestation", "privées", "proche", "production", "profils", "profit",
  "progresser", "progrès", "propos", "proposent", "préciser", "préfet", "présent", "présenter", "présentée",
  "prévue", "prête", "prêtes", "puisse", "pyrénées", "pépinière", "pépinières", "pôles", "quelle",
  "quotidienne", "raisons", "rapide", "rapidement", "rapporte", "rapproche", "rattache", "recaptcha",
  "recevoir", "recommande", "recyclage", "refusent", "rejoindre", "rejoint", "relations", "relèvent",
  "remplacement", "rendant", "renoncer", "repenser", "reprendre", "reproduire", "représentations",
  "représente", "repère", "ressorts", "retenue", "riche", "rupture", "réaffecter", "réalité", "réciproques",
  "référentiel", "régional", "résidences", "résultat", "réunions", "rôles", "salle", "savent", "savoirs",
  "saxons", "science", "scolaire", "secteur", "seinergy", "semaine", "semaines", "sensibilisation",
  "septembre", "sessions", "simplifier", "socio", "sociologues", "socle", "soient", "solidarités", "sortis",
  "souplesse", "source", "spécialisation", "spécialisé", "stationnement", "statistiques", "substituer",
  "supports", "systèmes", "sécurité", "table", "technologique", "terme", "termes", "tirer", "titre",
  "toulois", "toulon", "touristique", "traduire", "transformation", "transversalité", "travaillent",
  "trentaine", "types", "témoigné", "ulule", "uniforme", "université", "utiles", "utilisateur", "utilise",
  "valorisation", "venus", "veulent", "visible", "visite", "visiteurs", "voiture", "volontiers", "vécue",
  "véhicules", "yvelines", "échec", "écologique", "écoute", "éloignés", "énergies", "éolien", "épargne",
  "épinal", "équipés", "états", "étroite", "abouti", "aboutir", "aboutissement", "accueille", "accède",
  "acheteurs", "actif", "active", "adapte", "adaptés", "addictions", "adultes", "affiche", "affiché",
  "agricoles", "agréger", "agréée", "aidant", "ajoutent", "ajoutée", "ajusté", "allocations", "alsace",
  "altruisme", "amateurs", "ambitieux", "amont", "amène", "aménagements", "analyser", "anglais", "angle",
  "annexes", "appelle", "appelé", "applique", "appliquer", "apport", "apportent", "apports", "apporté",
  "approches", "appropriation", "appréciation", "appuient", "ardenne", "ardennes", "argent", "arrière",
  "article", "articule", "articulé", "artistique", "assistance", "assisté", "assistés", "associant",
  "associatifs", "associées", "assureurs", "assuré", "assurée", "attache", "attachement", "attendait",
  "attendent", "attente", "attentes", "attractivité", "attribué", "augan", "aurait", "automatique",
  "autopartage", "autorisation", "autorise", "autorité", "autrefois", "autrement", "auxquels", "avancer",
  "avances", "avancée", "aînés", "bassin", "bertrichamps", "bibliobus", "bibliothèques", "biodiversité",
  "blanches", "bloquer", "bordeaux", "borne", "boulangerie", "bouscule", "boîte", "bpifrance", "buthon",
  "bâtir", "bénéfice", "bénéficié", "cadres", "cancer", "capitaux", "caractère", "carebank", "carnet",
  "cartes", "cartographie", "cartographier", "cases", "catégorie", "cause", "causes", "caution", "centaine",
  "centrées", "certaine", "champagne", "change", "changer", "chantiers", "chaussée", "chaîne", "cherchent",
  "cherché", "chiffre", "chose", "chsct", "chômeur", "cibler", "circule", "citadins", "citant", "cities",
  "citizen", "citoyenneté", "citée", "citées", "claire", "classe", "classer", "cloisonnées", "clunisois",
  "cohésion",
}
local communes = {
  "Acy-en-Multien", "Adam-lès-Passavant", "Aiserey", "Albertville", "Allennes-les-Marais", "Alliat",
  "Allonnes", "Allègre-les-Fumades", "Amancy", "Amblainville", "Amponville", "Andelu", "Andrezel",
  "Angliers", "Anglure-sous-Dun", "Ansost", "Anzy-le-Duc", "Arignac", "Asnières-sur-Vègre", "Asswiller",
  "Attiches", "Aubarède", "Auberville", "Aubigny-aux-Kaisnes", "Auchel", "Aulnay-la-Rivière", "Authou",
  "Avant-lès-Ramerupt", "Avensan", "Averan", "Avignon", "Bain-de-Bretagne", "Barbaggio",
  "Barbezieux-Saint-Hilaire", "Barenton", "Barisey-la-Côte", "Barre-des-Cévennes", "Barriac-les-Bosquets",
  "Barry-d'Islemade", "Baudreville", "Beauchêne", "Beaulieu-sur-Sonnette", "Beaumont-Hamel", "Beaurieux",
  "Bellefond", "Bellegarde-Sainte-Marie", "Bellencombre", "Besneville", "Bettelainville", "Betton-Bettonet",
  "Bettrechies", "Biars-sur-Cère", "Bizeneuille", "Blancs-Coteaux", "Blicourt", "Bliesbruck", "Blotzheim",
  "Bois-de-la-Pierre", "Boissia", "Bonneville", "Boudeville", "Boulay-les-Ifs", "Bourg-Madame",
  "Brailly-Cornehotte", "Brazey-en-Plaine", "Breitenbach-Haut-Rhin", "Bricqueville", "Brignoles", "Brousse",
  "Broussy-le-Petit", "Bruailles", "Bréxent-Énocq", "Buais-Les-Monts", "Bézancourt", "Cabanac-Séguenville",
  "Cahuzac", "Camelin", "Carentan-les-Marais", "Caucourt", "Caupenne-d'Armagnac", "Cayeux-en-Santerre",
  "Celles", "Cette-Eygun", "Chaillon", "Chalivoy-Milon", "Chamblanc", "Chamesol", "Chanceaux-sur-Choisille",
  "Chaneins", "Chapdeuil", "Chargey-lès-Gray", "Chaserey", "Chauconin-Neufmontiers", "Chaudenay", "Chaudrey",
  "Chaumont", "Chaumuzy", "Chaux-des-Crotenay", "Chaveroche", "Chelles", "Chevannes",
  "Château-Arnoux-Saint-Auban", "Châteauredon", "Châteauvillain", "Châtel-Moron", "Cleyzieu", "Coinces",
  "Combre", "Conteville", "Corgnac-sur-l'Isle", "Corsavy", "Coudres", "Couiza", "Coulmiers", "Cour-et-Buis",
  "Crestot", "Croixrault", "Cros-de-Montvert", "Crégols", "Cuzance", "Céreste-en-Luberon", "Darazac",
  "Davrey", "Dénestanville", "Escalles", "Eschbach-au-Val", "Esnes-en-Argonne", "Espèche", "Estrée-Blanche",
  "Eybouleuf", "Eyzerac", "Fabrègues", "Figarol", "Flagey-Echézeaux", "Flamanville", "Fleury",
  "Fléville-devant-Nancy", "Foissiat", "Fontenay-le-Fleury", "Fouqueville", "Fresneville",
  "Fresney-le-Puceux", "Frontenard", "Fréjeville", "Fulleren", "Garancières-en-Drouais", "Genech",
  "Genouillé", "Gilly-lès-Cîteaux", "Glaine-Montaigut", "Glanges", "Grand-Camp", "Grâces", "Hacqueville",
  "Hainvillers", "Harcanville", "Hauterive", "Helléan", "Hervelinghen", "Hières-sur-Amby", "Hédé-Bazouges",
  "Hémévillers", "Hérisson", "Jambville", "Joué-du-Plain", "Kirchberg", "Knœrsheim",
  "Labastide-sur-Bésorgues", "Ladern-sur-Lauquet", "Lagnieu", "Lahaymeix", "Lambres-lez-Aire",
  "Lamothe-Fénelon", "Lamécourt", "Landersheim", "Landos", "Landry", "Laroin", "Lauret", "Lautenbach",
  "Lavalade", "Lavans-lès-Saint-Claude", "Lavernoy", "Laveyron", "Limeux", "Limoges", "Linghem", "Liourdres",
  "Listrac-de-Durèze", "Livré-sur-Changeon", "Liévans", "Locqueltas", "Loigny-la-Bataille", "Loiron-Ruillé",
  "Longecourt-en-Plaine", "Longessaigne", "Longueville", "Longueville-sur-Scie", "Louveciennes",
  "Luc-sur-Mer", "Lucciana", "Lucé-sous-Ballon", "Lugo-di-Nazza", "Luneau", "Lutter", "Magny-Cours",
  "Maillezais", "Maison-Rouge", "Manneville-la-Goupil", "Manzat", "Marest", "Margencel", "Marmande",
  "Maroncourt", "Martigny-les-Bains", "Maureville", "Mauriac", "Mazerolles", "Menouville", "Mercenac",
  "Merlerault-le-Pin", "Meslières", "Millemont", "Mionnay", "Misson", "Molles", "Monchel-sur-Canche",
  "Mondevert", "Montauban-de-Bretagne", "Montberthault", "Monteton", "Montigny-sous-Marle", "Montluel",
  "Montmelard", "Morainvilliers", "Morières-lès-Avignon", "Morval", "Mouzens", "Mécrin", "Médréac",
  "Méhoudin", "Méolans-Revel", "Nailloux", "Nanteau-sur-Essonne", "Neewiller-près-Lauterbourg",
  "Nesle-Normandeuse", "Nettancourt", "Neublans-Abergement", "Neuflize", "Neuvy-Grandchamp", "Noalhac",
  "Nogaret", "Notre-Dame-de-Livaye", "Notre-Dame-de-Monts", "Noyelle-Vion", "Octeville-sur-Mer", "Omissy",
  "Ondres", "Onnion", "Orgères", "Os-Marsillon", "Outarville", "Panzoult", "Payrignac", "Peigney",
  "Penne-d'Agenais", "Perrogney-les-Fontaines", "Pierrepont-sur-l'Arentèle", "Pieusse", "Plailly",
  "Plessis-Saint-Jean", "Plieux", "Ploulec'h", "Plovan", "Plussulien", "Poiseul-la-Ville-et-Laperrière",
  "Polignac", "Poncey-sur-l'Ignon", "Pont-Bellanger", "Pont-d'Héry", "Pouillé", "Pouillé-les-Côteaux",
  "Preutin-Higny", "Présilly", "Puessans", "Pujols", "Quincieux", "Radepont", "Recologne", "Reffannes",
  "Remaucourt", "Remies", "Remollon", "Remouillé", "Riocaud", "Risoul", "Romigny", "Romilly-sur-Seine",
  "Rosteig", "Rougnat", "Rouvrois-sur-Othain", "Rozières-sur-Mouzon", "Sacoué", "Saint-Acheul",
  "Saint-Affrique-les-Montagnes", "Saint-Amant-de-Nouère", "Saint-Androny", "Saint-André-de-Chalencon",
  "Saint-Arnoult", "Saint-Christophe-sur-Dolaizon", "Saint-Firmin-sur-Loire", "Saint-Germain-sur-Avre",
  "Saint-Gilles-les-Forêts", "Saint-Imoges", "Saint-Jean-de-Monts", "Saint-Jean-la-Fouillouse",
  "Saint-Jodard", "Saint-Juire-Champgillon", "Saint-Just", "Saint-Justin", "Saint-Lambert-sur-Dive",
  "Saint-Laurent-du-Pont", "Saint-Laurent-sous-Coiron", "Saint-Léger-les-Mélèzes", "Saint-Malô-du-Bois",
  "Saint-Mars-sur-la-Futaie", "Saint-Martial", "Saint-Martin-de-Gurson", "Saint-Martin-le-Nœud",
  "Saint-Martin-sur-Oust", "Saint-Maurice-en-Valgodemard", "Saint-Maurice-la-Souterraine",
  "Saint-Médard-de-Guizières", "Saint-Méen-le-Grand", "Saint-Ouen-de-Thouberville",
  "Saint-Pierre-de-la-Fage", "Saint-Pol-de-Léon", "Saint-Priest-en-Jarez", "Saint-Privat",
  "Saint-Quentin-sur-Charente", "Saint-Saturnin", "Saint-Sorlin-de-Vienne", "Saint-Thomas-en-Argonne",
  "Saint-Vincent-de-Paul", "Saint-Étienne-du-Rouvray", "Sainte-Agnès", "Sainte-Dode",
  "Sainte-Honorine-de-Ducy", "Sainte-Marthe", "Sainte-Sabine-sur-Longève", "Sainte-Segrée",
  "Sainte-Tréphine", "Salvezines", "Saléchan", "Salérans", "Samuran", "Saudoy", "Saulx-lès-Champlon",
  "Saumont", "Sens-de-Bretagne", "Serans", "Serreslous-et-Arribans", "Sevenans", "Somme-Suippe",
  "Soufflenheim", "Tartigny", "Teyssode", "Thimory", "Thubœuf", "Thémines", "Tortebesse",
  "Touffreville-la-Corbeline", "Tresques", "Trélissac", "Trémoins", "Valennes", "Vandeuil", "Vaudes",
  "Vaxainville", "Veckring", "Vellefrie", "Venansault", "Vercourt", "Verdelais", "Verdun-Ciel", "Vernet",
  "Vertaizon", "Ville-Savoye", "Villebarou", "Villedaigne", "Villers-Plouich", "Villiers-sur-Yonne",
  "Vireaux", "Vireux-Molhain", "Viviers-lès-Offroicourt", "Wignicourt", "Égletons", "Égriselles-le-Bocage",
  "Étampes", "Étreval",
}
local departements = {
  "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16", "17", "18",
  "19", "21", "22", "23", "24", "25", "26", "27", "28", "29", "2A", "2B", "30", "31", "32", "33", "34", "35",
  "36", "37", "38", "39", "40", "41", "42", "43", "44", "45", "46", "47", "48", "49", "50", "51", "52", "53",
  "54", "55", "56", "57", "58", "59", "60", "61", "62", "63", "64", "65", "66", "67", "68", "69", "70", "71",
  "72", "73", "74", "75", "76", "77", "78", "79", "80", "81", "82", "83", "84", "85", "86", "87", "88", "89",
  "90", "91", "92", "93", "94", "95", "971", "972", "973", "974", "976", "975", "977", "978", "984", "986",
  "987", "988", "989",
}
local kinds = { "experience", "innovation", "vademecum", "notion" }

local function enc(s)
  return (s:gsub("[^%w%-_%.~:]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

-- MINSTD (Park–Miller): the same sequence in every Lua, products stay below 2^53.
local state = 20261206
local function rand(n)
  state = (state * 48271) % 2147483647
  return (state % n) + 1
end

local function query()
  local shape = rand(100)
  if shape <= 12 then
    return nil -- filter-only browsing
  elseif shape <= 22 then
    return communes[rand(#communes)]
  elseif shape <= 62 then
    return words[rand(#words)]
  elseif shape <= 90 then
    return words[rand(#words)] .. " " .. words[rand(#words)]
  else
    return words[rand(#words)] .. " " .. words[rand(#words)] .. " " .. words[rand(#words)]
  end
end

paths = {}
local seen = {}
while #paths < 40000 do
  local p = {}
  local q = query()
  if q then p[#p + 1] = "q=" .. enc(q) end
  if rand(100) <= (q and 30 or 70) then p[#p + 1] = "theme=" .. rand(18) end
  if rand(100) <= (q and 30 or 70) then p[#p + 1] = "territory=departement:" .. departements[rand(#departements)] end
  if rand(100) <= 15 then p[#p + 1] = "kind=" .. kinds[rand(#kinds)] end
  local sort = rand(100)
  if sort <= 20 then p[#p + 1] = "sort=date" elseif sort <= 25 then p[#p + 1] = "sort=title" end
  local page = rand(100)
  if page <= 15 then p[#p + 1] = "page=" .. (1 + rand(4)) elseif page <= 20 then p[#p + 1] = "size=0" end
  local path = "/api/v1/search?" .. table.concat(p, "&")
  if not seen[path] then
    seen[path] = true
    paths[#paths + 1] = path
  end
end

local from = tonumber(os.getenv("BENCH_FROM") or "0")
local counter = 0
local thread_count = 0
function setup(thread)
  thread:set("offset", from + thread_count * 5003)
  thread_count = thread_count + 1
end

function init(args)
  counter = offset or 0
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

-- When asked (BENCH_LIST), prints the list so that other runners replay the very same addresses.
if os.getenv("BENCH_LIST") then
  for _, path in ipairs(paths) do print(path) end
  os.exit(0)
end
