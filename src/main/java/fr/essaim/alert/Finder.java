package fr.essaim.alert;

import java.util.Collection;
import java.util.List;

/**
 * Which of some published sheets a followed search finds, with the semantics of the search page
 * (an empty search finds every published sheet).
 */
@FunctionalInterface
public interface Finder {

    List<Found> among(String search, Collection<String> slugs) throws Exception;
}
