import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;

/**
 * What a team would build with the database alone: the same corpus in PostgreSQL, full text in a
 * {@code tsvector} (French configuration, GIN index), facet counts by {@code GROUP BY}; then the
 * benchmark's search workload replayed on it — per search, the page of hits, the total and the
 * counts of the kind, theme and territory (régions, départements) facets.
 *
 * <p>Usage: {@code java -cp <dependencies> src/bench/PostgresBaseline.java content paths.txt threads seconds jdbc-url database}
 */
public final class PostgresBaseline {

    public static void main(String[] args) throws Exception {
        Path content = Path.of(args[0]);
        List<String> queries = Files.readAllLines(Path.of(args[1])).stream()
                .filter(line -> line.startsWith("/api/v1/search?")).map(line -> line.substring("/api/v1/search?".length())).toList();
        int threads = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        String url = args[4];
        String database = args[5];
        try (Connection admin = DriverManager.getConnection(url + "postgres", "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + database);
            statement.execute("create database " + database);
        }
        try {
            long t0 = System.nanoTime();
            int loaded = load(content, url + database);
            System.out.printf("%d fiches chargées et indexées en %.1f s%n", loaded, (System.nanoTime() - t0) / 1e9);
            run(queries, 1, 5, url + database); // warm-up
            System.out.println(run(queries, threads, seconds, url + database));
        } finally {
            try (Connection admin = DriverManager.getConnection(url + "postgres", "postgres", "");
                    Statement statement = admin.createStatement()) {
                statement.execute("drop database if exists " + database);
            }
        }
    }

    private static int load(Path content, String url) throws Exception {
        Map<String, List<String>> ancestors = ancestors(Path.of("content/territoires/territoires.csv"));
        Yaml yaml = new Yaml();
        int count = 0;
        try (Connection db = DriverManager.getConnection(url, "postgres", "")) {
            try (Statement statement = db.createStatement()) {
                statement.execute("create table sheet (slug text primary key, kind text not null, title text not null, "
                        + "summary text, body text not null, themes text[] not null, territories text[] not null, "
                        + "updated timestamptz not null, tsv tsvector)");
            }
            db.setAutoCommit(false);
            try (PreparedStatement insert = db.prepareStatement("insert into sheet values (?, ?, ?, ?, ?, ?, ?, ?, null)");
                    Stream<Path> files = Files.list(content.resolve("fiches"))) {
                for (Path file : files.sorted().toList()) {
                    String text = Files.readString(file);
                    int end = text.indexOf("\n---\n", 4);
                    Map<String, Object> fields = yaml.load(text.substring(4, end));
                    Set<String> places = new LinkedHashSet<>();
                    for (Object key : list(fields.get("territories"))) {
                        places.add(String.valueOf(key));
                        places.addAll(ancestors.getOrDefault(String.valueOf(key), List.of()));
                    }
                    String name = file.getFileName().toString();
                    insert.setString(1, name.substring(0, name.length() - 3));
                    insert.setString(2, String.valueOf(fields.get("kind")));
                    insert.setString(3, String.valueOf(fields.get("title")));
                    insert.setString(4, String.valueOf(fields.get("summary")));
                    insert.setString(5, text.substring(end + 5));
                    insert.setArray(6, db.createArrayOf("text", list(fields.get("themes")).stream().map(String::valueOf).toArray()));
                    insert.setArray(7, db.createArrayOf("text", places.toArray()));
                    insert.setObject(8, OffsetDateTime.now().minusMinutes(count));
                    insert.addBatch();
                    if (++count % 1000 == 0) {
                        insert.executeBatch();
                        db.commit();
                    }
                }
                insert.executeBatch();
                db.commit();
            }
            db.setAutoCommit(true);
            try (Statement statement = db.createStatement()) {
                statement.execute("update sheet set tsv = setweight(to_tsvector('french', title), 'A') "
                        + "|| setweight(to_tsvector('french', coalesce(summary, '')), 'B') || to_tsvector('french', body)");
                statement.execute("create index sheet_tsv on sheet using gin (tsv)");
                statement.execute("create index sheet_themes on sheet using gin (themes)");
                statement.execute("create index sheet_territories on sheet using gin (territories)");
                statement.execute("create index sheet_updated on sheet (updated)");
                statement.execute("vacuum analyze sheet");
            }
        }
        return count;
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> list ? list : value == null ? List.of() : List.of(value);
    }

    private static Map<String, List<String>> ancestors(Path csv) throws Exception {
        Map<String, List<String>> ancestors = new HashMap<>();
        for (String line : Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size())) {
            String[] cells = line.split(",", -1);
            if (cells.length < 6 || line.contains("\"")) {
                continue;
            }
            List<String> keys = new ArrayList<>();
            if (!cells[4].isEmpty() && !cells[0].equals("region")) {
                keys.add("region:" + cells[4]);
            }
            if (!cells[3].isEmpty() && !cells[0].equals("departement")) {
                keys.add("departement:" + cells[3]);
            }
            if (!cells[5].isEmpty() && cells[0].equals("commune")) {
                keys.add("epci:" + cells[5]);
            }
            ancestors.put(cells[0] + ":" + cells[1], keys);
        }
        return ancestors;
    }

    private static String run(List<String> queries, int threads, int seconds, String url) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<List<Long>> latencies = new ArrayList<>();
        AtomicInteger errors = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<Long> mine = new ArrayList<>();
            latencies.add(mine);
            int offset = t * 97;
            Connection db = DriverManager.getConnection(url, "postgres", "");
            Thread worker = new Thread(() -> {
                try (db) {
                    for (int i = 0; System.nanoTime() < end; i++) {
                        long t0 = System.nanoTime();
                        try {
                            search(db, queries.get((offset + i) % queries.size()));
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                        mine.add(System.nanoTime() - t0);
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        long[] sorted = latencies.stream().flatMap(List::stream).mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return String.format("%d req/s, p50 %.1f ms, p99 %.1f ms%s", sorted.length / seconds, sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.99)] / 1e6, errors.get() > 0 ? ", " + errors.get() + " erreurs" : "");
    }

    /** One search: the page of hits, the total, and the kind, theme and territory counts. */
    private static void search(Connection db, String query) throws Exception {
        String q = null;
        boolean byDate = false;
        int page = 1;
        int size = 20;
        Map<String, List<String>> filters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            String value = URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            switch (kv[0]) {
                case "q" -> q = value;
                case "sort" -> byDate = value.equals("date");
                case "page" -> page = Integer.parseInt(value);
                case "size" -> size = Integer.parseInt(value);
                default -> filters.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(value);
            }
        }
        StringBuilder where = new StringBuilder(" where true");
        List<Object> params = new ArrayList<>();
        if (q != null) {
            where.append(" and tsv @@ websearch_to_tsquery('french', ?)");
            params.add(q);
        }
        for (Map.Entry<String, List<String>> filter : filters.entrySet()) {
            switch (filter.getKey()) {
                case "theme" -> where.append(" and themes && ?");
                case "territory" -> where.append(" and territories && ?");
                case "kind" -> where.append(" and kind = any(?)");
                default -> throw new IllegalArgumentException(filter.getKey());
            }
            params.add(db.createArrayOf("text", filter.getValue().toArray()));
        }
        if (size > 0) {
            String order = byDate ? "updated desc" : q != null ? "ts_rank(tsv, websearch_to_tsquery('french', ?)) desc" : "slug";
            List<Object> hitParams = new ArrayList<>(params);
            if (!byDate && q != null) {
                hitParams.add(q);
            }
            consume(db, "select slug, title, summary from sheet" + where + " order by " + order
                    + " limit " + size + " offset " + (page - 1) * size, hitParams);
        }
        consume(db, "select count(*) from sheet" + where, params);
        consume(db, "select kind, count(*) from sheet" + where + " group by kind", params);
        consume(db, "select t, count(*) from sheet, unnest(themes) t" + where + " group by t", params);
        consume(db, "select t, count(*) from sheet, unnest(territories) t" + where
                + " and (t like 'region:%' or t like 'departement:%') group by t", params);
    }

    private static void consume(Connection db, String sql, List<Object> params) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                if (params.get(i) instanceof Array array) {
                    statement.setArray(i + 1, array);
                } else {
                    statement.setObject(i + 1, params.get(i));
                }
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rs.getString(1);
                }
            }
        }
    }
}
