package fr.essaim.infra;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the database is: PostgreSQL when {@code ESSAIM_DB_URL} is set, otherwise an H2 file in the
 * data folder, so that the application runs with no setup at all.
 */
public record DatabaseSettings(String url, String user, String password) {

    public static final String URL = "essaim.db.url";
    public static final String USER = "essaim.db.user";
    public static final String PASSWORD = "essaim.db.password";
    public static final String DATA_DIR = "essaim.data.dir";

    /** Reads the settings through a lookup such as MicroProfile Config's {@code getOptionalValue}. */
    public static DatabaseSettings from(Function<String, Optional<String>> lookup) {
        Optional<String> url = lookup.apply(URL).filter(s -> !s.isBlank());
        if (url.isPresent()) {
            return new DatabaseSettings(url.get(), lookup.apply(USER).orElse(""), lookup.apply(PASSWORD).orElse(""));
        }
        Path dataDir = Path.of(lookup.apply(DATA_DIR).orElse("./data"));
        return embedded(dataDir);
    }

    public static DatabaseSettings embedded(Path dataDir) {
        Path file = dataDir.toAbsolutePath().normalize().resolve("essaim");
        return new DatabaseSettings("jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");
    }

    public boolean isPostgreSql() {
        return url.startsWith("jdbc:postgresql:");
    }

    public boolean isH2() {
        return url.startsWith("jdbc:h2:");
    }

    /** The URL without credentials, for the log. */
    public String describe() {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
