package fr.essaim.sheet;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import fr.essaim.shared.Slugs;

/**
 * The one resolution of wiki link targets, used when a revision is written, when a corpus is
 * imported in bulk and when a page shows its links. A target — {@code [[slug]]}, {@code [[Titre]]}
 * or {@code [[AncienNom]]} — designates, in this order: the sheet with that slug, the sheet whose
 * title has that key, the sheet known under that old name. A current title comes before an old
 * name, so that a sheet that takes a title another sheet left receives the links to that title.
 * A target that designates nothing yet is kept as the key of its text, which is the slug and the
 * title key a sheet created under that title will have: the link starts working then.
 */
public final class WikiTargets implements UnaryOperator<String> {

    /** Where names are looked up: the database, or the corpus being imported. */
    public interface Names {

        boolean isSlug(String slug);

        /** The slug of a sheet whose title has this {@link #titleKey key}. */
        Optional<String> slugOfTitle(String titleKey);

        /** The slug of the sheet that has this old name. */
        Optional<String> slugOfAlias(String alias);
    }

    private final Names names;

    public WikiTargets(Names names) {
        this.names = names;
    }

    /**
     * How a title is compared with a link's text: accents, case, punctuation and spacing aside.
     * It is the slug the title would get, so that links written before their target keep matching it.
     */
    public static String titleKey(String title) {
        return Slugs.slugify(title);
    }

    /** The slug of the sheet this target designates, if there is one. */
    public Optional<String> find(String target) {
        if (Slugs.isValid(target) && names.isSlug(target)) {
            return Optional.of(target);
        }
        return names.slugOfTitle(titleKey(target)).or(() -> names.slugOfAlias(target));
    }

    /** The slug this target designates, or the one a sheet with this title would get. */
    @Override
    public String apply(String target) {
        if (Slugs.isValid(target) && names.isSlug(target)) {
            return target;
        }
        // As find(target), with the key computed once: every wiki link of an import comes here.
        String key = titleKey(target);
        return names.slugOfTitle(key).or(() -> names.slugOfAlias(target)).orElse(key);
    }

    /** Names held in memory: those of a corpus read before it is written. The first sheet to claim a name keeps it. */
    public static final class KnownNames implements Names {

        private final Set<String> slugs = new java.util.HashSet<>();
        private final Map<String, String> titles = new HashMap<>();
        private final Map<String, String> aliases = new HashMap<>();

        public void add(String slug, String title, Iterable<String> oldNames) {
            slugs.add(slug);
            if (title != null) {
                titles.putIfAbsent(titleKey(title), slug);
            }
            oldNames.forEach(name -> aliases.putIfAbsent(name, slug));
        }

        @Override
        public boolean isSlug(String slug) {
            return slugs.contains(slug);
        }

        @Override
        public Optional<String> slugOfTitle(String titleKey) {
            return Optional.ofNullable(titles.get(titleKey));
        }

        @Override
        public Optional<String> slugOfAlias(String alias) {
            return Optional.ofNullable(aliases.get(alias));
        }
    }
}
