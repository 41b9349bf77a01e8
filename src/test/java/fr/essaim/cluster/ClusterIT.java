package fr.essaim.cluster;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.essaim.support.TestDatabases;

/**
 * Nodes as an operator runs them: the packaged application started as separate processes on one
 * PostgreSQL database. Two nodes started together on an empty database, a first start watched
 * every 100 ms, a power cut in the middle of a large import, and a backup restored.
 */
class ClusterIT {

    private static final String ADMIN_PASSWORD = "mot-de-passe-des-tests";
    private static final Path CONTENT = Path.of(System.getProperty("essaim.content.dir", "content"));
    private static final String DATABASE = TestDatabases.POSTGRES_DATABASE + "_noeuds";

    @TempDir
    static Path work;

    @BeforeAll
    static void freshDatabase() throws SQLException {
        dropDatabase();
        try (Connection admin = TestDatabases.adminConnection(); Statement sql = admin.createStatement()) {
            sql.execute("create database " + DATABASE);
        }
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        try (Connection admin = TestDatabases.adminConnection(); Statement sql = admin.createStatement()) {
            sql.execute("drop database if exists " + DATABASE + " with (force)");
        }
    }

    static Map<String, String> environment(String database, Path content) {
        Map<String, String> environment = new HashMap<>();
        environment.put("ESSAIM_DB_URL", TestDatabases.serverUrl() + database);
        environment.put("ESSAIM_DB_USER", TestDatabases.user());
        environment.put("ESSAIM_DB_PASSWORD", TestDatabases.password());
        environment.put("ESSAIM_CONTENT_DIR", content.toAbsolutePath().toString());
        environment.put("ESSAIM_ADMIN_PASSWORD", ADMIN_PASSWORD);
        return environment;
    }

    static int corpusSize(Path content) throws IOException {
        try (Stream<Path> files = Files.list(content.resolve("fiches"))) {
            return (int) files.filter(file -> file.toString().endsWith(".md")).count();
        }
    }

    @Test
    void twoNodesStartedTogetherOnAnEmptyDatabaseBothServeTheWholeCorpusAndConverge() throws Exception {
        int corpus = corpusSize(CONTENT);
        try (Node a = new Node("A", work.resolve("a"), environment(DATABASE, CONTENT));
             Node b = new Node("B", work.resolve("b"), environment(DATABASE, CONTENT))) {
            a.start();
            b.start();
            Watch watchA = Watch.untilReady(a, corpus);
            Watch watchB = Watch.untilReady(b, corpus);
            watchA.join();
            watchB.join();
            for (Watch watch : List.of(watchA, watchB)) {
                System.out.printf("Nœud %s : prêt en %d ms, %d réponses observées, statuts %s%n", watch.node.name,
                        watch.readyAfterMillis, watch.answers, watch.statuses);
                assertTrue(watch.problems.isEmpty(), watch.node.name + " : " + watch.problems + "\n" + tail(watch.node));
                assertTrue(watch.readyAfterMillis > 0, watch.node.name + " never became ready\n" + tail(watch.node));
            }

            String word = "convergencezx";
            HttpResponse<byte[]> imported = a.sendBytes(HttpRequest.newBuilder(a.uri("/api/v1/import"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/zip")
                    .header("Origin", "http://127.0.0.1:" + a.port)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(zipOf("fiches/fiche-de-convergence.md", """
                            ---
                            kind: notion
                            title: Fiche de convergence entre deux nœuds
                            summary: Une fiche publiée sur un nœud et cherchée sur l'autre (%s).
                            themes: [1]
                            sources:
                              - title: Essai de convergence entre deux nœuds
                                year: 2026
                            ---
                            Le mot %s n'existe que dans cette fiche.
                            """.formatted(word, word)))));
            String report = new String(imported.body(), StandardCharsets.UTF_8);
            assertEquals(200, imported.statusCode(), report);
            assertTrue(report.contains("\"imported\":1"), report);
            long published = System.nanoTime();
            Awaitility.await().pollInterval(Duration.ofMillis(20)).atMost(Duration.ofSeconds(10)).until(() -> {
                Node.Answer answer = b.get("/api/v1/search?size=1&q=" + word);
                return answer.status() == 200 && answer.json().getInt("total") == 1;
            });
            long foundAfter = (System.nanoTime() - published) / 1_000_000;
            System.out.println("Convergence entre deux nœuds : fiche publiée sur A trouvée sur B en " + foundAfter + " ms");
            assertTrue(foundAfter >= 0 && foundAfter < 2_000, "found on B after " + foundAfter + " ms");

            malformedAddressesOnTheNodeItself(b);
            behindTheProxyOfDocker(a, b, corpus + 1);
        }
    }

    /** Sent straight to a node's port, a path with a malformed percent escape gets a French 400, never a logged failure. */
    private static void malformedAddressesOnTheNodeItself(Node node) throws Exception {
        int logged = node.log().length();
        for (String path : List.of("/%ZZ", "/fiches/%ZZ", "/fiches/%C3", "/api/v1/sheets/%ZZ")) {
            String answer = node.rawGet(path);
            assertTrue(answer.startsWith("HTTP/1.1 400"), path + "\n" + answer);
            assertTrue(answer.contains("un « % » doit être suivi de deux chiffres hexadécimaux"), path + "\n" + answer);
            boolean api = path.startsWith("/api/");
            assertEquals(api, answer.contains("Content-Type: application/problem+json"), path + "\n" + answer);
            assertEquals(!api, answer.contains("<h1>Requête mal formée</h1>"), path + "\n" + answer);
        }
        String log = node.log().substring(logged);
        assertFalse(log.contains("SEVERE") || log.contains("Illegal hex characters"), log);
    }

    /** docker/nginx.conf in front of the two nodes: round robin, a malformed address refused in French, a stopped node skipped. */
    private static void behindTheProxyOfDocker(Node a, Node b, int published) throws Exception {
        try (Proxy proxy = Proxy.inFrontOf(a, b, work.resolve("proxy"))) {
            for (int i = 0; i < 4; i++) {
                HttpResponse<String> search = proxy.get("/api/v1/search?size=0");
                assertEquals(200, search.statusCode(), search.body());
                assertTrue(search.body().contains("\"total\":" + published), search.body());
            }
            String malformed = proxy.rawGet("/fiches/%ZZ");
            assertTrue(malformed.startsWith("HTTP/1.1 400"), malformed);
            assertTrue(malformed.contains("Requête mal formée"), malformed);

            a.close();
            for (int i = 0; i < 6; i++) {
                HttpResponse<String> page = proxy.get("/fiches/fiche-de-convergence");
                assertEquals(200, page.statusCode(), "node A stopped, request " + i + ": " + page.body());
                assertTrue(page.body().contains("Fiche de convergence entre deux nœuds"));
            }
        }
    }

    @Test
    void aPowerCutDuringALargeImportLeavesDatabaseAndIndexInStepAndTheImportCompletesAtRestart() throws Exception {
        String database = DATABASE + "_coupure";
        Path content = work.resolve("grand-corpus");
        int total = copiesOfTheCorpus(content, 2_000);
        try (Connection admin = TestDatabases.adminConnection(); Statement sql = admin.createStatement()) {
            sql.execute("drop database if exists " + database + " with (force)");
            sql.execute("create database " + database);
        }
        try {
            Path data = work.resolve("coupure");
            int before;
            try (Node node = new Node("C", data, environment(database, content))) {
                node.start();
                before = waitForSheets(database, 300, node);
                node.kill();
            }
            int afterCut = countSheets(database);
            System.out.printf("Coupure pendant l'import : %d fiche(s) en base au moment du kill -9, %d après%n", before, afterCut);
            assertTrue(afterCut < total, "the import had finished before the cut: " + afterCut);

            try (Node node = new Node("C", data, environment(database, content))) {
                node.start();
                Watch watch = Watch.untilReady(node, total);
                watch.join();
                assertTrue(watch.problems.isEmpty(), watch.problems + "\n" + tail(node));
                assertTrue(watch.readyAfterMillis > 0, "never became ready\n" + tail(node));
                int inDatabase = countSheets(database);
                int inIndex = node.get("/api/v1/search?size=0").json().getInt("total");
                System.out.printf("Après redémarrage : %d fiche(s) en base, %d dans l'index, %d attendues%n", inDatabase, inIndex, total);
                assertEquals(total, inDatabase);
                assertEquals(inDatabase, inIndex);
            }
        } finally {
            try (Connection admin = TestDatabases.adminConnection(); Statement sql = admin.createStatement()) {
                sql.execute("drop database if exists " + database + " with (force)");
            }
        }
    }

    /**
     * The backup procedure of the README, command for command: {@code pg_dump -Fc} of a live
     * database, {@code createdb} and {@code pg_restore} into a new one, then a node started on it
     * with an empty data folder rebuilds its index from the restored database.
     */
    @Test
    void aRestoredDumpServesTheSameSheetsOnANodeWithAnEmptyIndex() throws Exception {
        String original = DATABASE + "_sauvegarde";
        String restored = DATABASE + "_restauree";
        int corpus = corpusSize(CONTENT);
        Path dump = work.resolve("essaim.dump");
        try (Connection admin = TestDatabases.adminConnection(); Statement sql = admin.createStatement()) {
            sql.execute("drop database if exists " + original + " with (force)");
            sql.execute("drop database if exists " + restored + " with (force)");
            sql.execute("create database " + original);
        }
        try {
            String word = "sauvegardezx";
            try (Node node = new Node("D", work.resolve("avant-sauvegarde"), environment(original, CONTENT))) {
                node.start();
                Watch watch = Watch.untilReady(node, corpus);
                watch.join();
                assertTrue(watch.readyAfterMillis > 0 && watch.problems.isEmpty(), watch.problems + "\n" + tail(node));
                HttpResponse<byte[]> imported = node.sendBytes(HttpRequest.newBuilder(node.uri("/api/v1/import"))
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                        .header("Content-Type", "application/zip")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(zipOf("fiches/fiche-de-sauvegarde.md", """
                                ---
                                kind: notion
                                title: Fiche écrite avant la sauvegarde
                                summary: Une fiche publiée après le premier démarrage, qui doit survivre à la restauration.
                                themes: [1]
                                sources:
                                  - title: Essai de sauvegarde
                                    year: 2026
                                ---
                                Le mot %s n'existe que dans cette fiche.
                                """.formatted(word)))));
                assertEquals(200, imported.statusCode(), new String(imported.body(), StandardCharsets.UTF_8));
                // Taken while the node runs, as an operator would.
                run("pg_dump", "-Fc", "-d", original, "-f", dump.toString());
            }
            run("createdb", restored);
            run("pg_restore", "-d", restored, dump.toString());

            Path emptyData = work.resolve("apres-restauration");
            try (Node node = new Node("E", emptyData, environment(restored, CONTENT))) {
                node.start();
                Watch watch = Watch.untilReady(node, corpus + 1);
                watch.join();
                assertTrue(watch.problems.isEmpty(), watch.problems + "\n" + tail(node));
                assertTrue(watch.readyAfterMillis > 0, "never became ready\n" + tail(node));
                assertEquals(corpus + 1, countSheets(restored), "nothing imported twice from the content folder");
                Node.Answer found = node.get("/api/v1/search?size=1&q=" + word);
                assertEquals(1, found.json().getInt("total"), found.body());
                assertEquals("fiche-de-sauvegarde", found.json().getJsonArray("hits").getJsonObject(0).getString("slug"));
                assertEquals(200, node.get("/fiches/fiche-de-sauvegarde").status());
                System.out.printf("Restauration : %d fiches dans la base restaurée, index reconstruit, prêt en %d ms%n",
                        corpus + 1, watch.readyAfterMillis);
            }
        } finally {
            try (Connection admin = TestDatabases.adminConnection(); Statement sql = admin.createStatement()) {
                sql.execute("drop database if exists " + original + " with (force)");
                sql.execute("drop database if exists " + restored + " with (force)");
            }
        }
    }

    /** A PostgreSQL client command, pointed at the test server through the standard PG variables. */
    private static void run(String... command) throws IOException, InterruptedException {
        java.net.URI server = java.net.URI.create(TestDatabases.serverUrl().substring("jdbc:".length()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGHOST", server.getHost());
        builder.environment().put("PGPORT", String.valueOf(server.getPort() == -1 ? 5432 : server.getPort()));
        builder.environment().put("PGUSER", TestDatabases.user());
        builder.environment().put("PGPASSWORD", TestDatabases.password());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(300, java.util.concurrent.TimeUnit.SECONDS), String.join(" ", command));
        assertEquals(0, process.exitValue(), String.join(" ", command) + "\n" + output);
    }

    /** The corpus, then copies of its sheets under new names until there are {@code total}. */
    private static int copiesOfTheCorpus(Path target, int total) throws IOException {
        Path sheets = Files.createDirectories(target.resolve("fiches"));
        List<Path> originals;
        try (Stream<Path> files = Files.list(CONTENT.resolve("fiches"))) {
            originals = files.filter(file -> file.toString().endsWith(".md")).sorted().toList();
        }
        for (Path original : originals) {
            Files.copy(original, sheets.resolve(original.getFileName()));
        }
        for (int i = originals.size(); i < total; i++) {
            Path original = originals.get(i % originals.size());
            String name = original.getFileName().toString().replace(".md", "");
            String slug = ("copie-" + i + "-" + name).substring(0, Math.min(70, ("copie-" + i + "-" + name).length())).replaceAll("-+$", "");
            String text = Files.readString(original)
                    .replaceFirst("(?m)^aliases:.*\\n", "")
                    .replaceFirst("(?m)^title: \"?(.*?)\"?$", "title: \"$1 (copie " + i + ")\"");
            Files.writeString(sheets.resolve(slug + ".md"), text);
        }
        return total;
    }

    private static int waitForSheets(String database, int atLeast, Node node) throws Exception {
        AtomicInteger count = new AtomicInteger();
        try {
            Awaitility.await().pollInterval(Duration.ofMillis(50)).atMost(Duration.ofSeconds(300)).until(() -> {
                if (!node.isAlive()) {
                    fail("the node stopped\n" + tail(node));
                }
                count.set(countSheetsIfMigrated(database));
                return count.get() >= atLeast;
            });
        } catch (ConditionTimeoutException e) {
            fail("fewer than " + atLeast + " sheets after 300 s\n" + tail(node));
        }
        return count.get();
    }

    private static int countSheetsIfMigrated(String database) {
        try {
            return countSheets(database);
        } catch (SQLException e) {
            return 0;
        }
    }

    private static int countSheets(String database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(TestDatabases.serverUrl() + database, TestDatabases.user(), TestDatabases.password());
             Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("select count(*) from sheet")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static byte[] zipOf(String path, String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(path));
            zip.write(text.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    static String tail(Node node) {
        try {
            String log = node.log();
            return log.substring(Math.max(0, log.length() - 6_000));
        } catch (IOException e) {
            return e.toString();
        }
    }

    /**
     * Polls a starting node every 100 ms, as a load balancer would: every answer must be a
     * refusal to connect, a 503 or a success, and whenever the node says it is ready, the search
     * must already find the whole corpus.
     */
    static final class Watch extends Thread {
        final Node node;
        final int expected;
        final java.util.Set<String> problems = new java.util.LinkedHashSet<>();
        final Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        long readyAfterMillis = -1;
        int answers;

        private Watch(Node node, int expected) {
            this.node = node;
            this.expected = expected;
            setDaemon(true);
        }

        static Watch untilReady(Node node, int expected) {
            Watch watch = new Watch(node, expected);
            watch.start();
            return watch;
        }

        @Override
        public void run() {
            long start = System.nanoTime();
            try {
                while ((System.nanoTime() - start) / 1_000_000_000 < 600 && node.isAlive()) {
                    Node.Answer ready = node.get("/health/ready");
                    Node.Answer search = node.get("/api/v1/search?size=0");
                    Node.Answer home = node.get("/");
                    answers += 3;
                    List<String> paths = List.of("/health/ready", "/api/v1/search?size=0", "/");
                    List<Node.Answer> all = List.of(ready, search, home);
                    for (int i = 0; i < all.size(); i++) {
                        Node.Answer answer = all.get(i);
                        statuses.merge(answer.status(), 1, Integer::sum);
                        if (answer.status() == 503 && paths.get(i).startsWith("/api/") && !answer.json().containsKey("title")) {
                        problems.add("a 503 of the API that is no problem: " + answer.body());
                    }
                    if (answer.status() >= 500 && answer.status() != 503) {
                            problems.add(answer.status() + " on " + paths.get(i) + " at "
                                    + (System.nanoTime() - start) / 1_000_000 / 1000 + " s: "
                                    + answer.body().substring(0, Math.min(200, answer.body().length())));
                        }
                    }
                    if (ready.status() == 200) {
                        Node.Answer check = node.get("/api/v1/search?size=0");
                        int total = check.status() == 200 ? check.json().getInt("total") : -1;
                        if (total != expected) {
                            problems.add("ready, but the search finds " + total + " of " + expected + " sheets");
                        }
                        readyAfterMillis = (System.nanoTime() - start) / 1_000_000;
                        return;
                    }
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                problems.add(e.toString());
            }
        }
    }
}
