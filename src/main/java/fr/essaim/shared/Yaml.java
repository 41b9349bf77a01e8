package fr.essaim.shared;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The one way Essaim reads YAML: safe types only, no duplicate key, bounded nesting, aliases and size. */
public final class Yaml {

    /** The longest YAML text read, in code points: a sheet's front matter, the schema, the theme list. */
    public static final int MAX_LENGTH = 500_000;

    private Yaml() {
    }

    private static final ThreadLocal<org.yaml.snakeyaml.Yaml> PER_THREAD = ThreadLocal.withInitial(Yaml::parser);

    /**
     * The calling thread's own parser, for what is read by the thousand (front matters): building
     * one costs about as much as reading a front matter. A thread reads one text at a time.
     */
    public static org.yaml.snakeyaml.Yaml threadParser() {
        return PER_THREAD.get();
    }

    /** A fresh parser each time: SnakeYAML parsers are not thread-safe. */
    public static org.yaml.snakeyaml.Yaml parser() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(20);
        options.setCodePointLimit(MAX_LENGTH);
        return new org.yaml.snakeyaml.Yaml(new SafeConstructor(options));
    }

    /** YAML as a sheet's front matter is written: block style, Unicode as it is, lines of 120 columns. */
    public static String dump(Object value, boolean splitLines) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setAllowUnicode(true);
        options.setWidth(120);
        options.setSplitLines(splitLines);
        return new org.yaml.snakeyaml.Yaml(options).dump(value);
    }
}
