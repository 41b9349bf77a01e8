package fr.essaim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import fr.essaim.support.Browsers;
import fr.essaim.support.TestDatabases;

/**
 * Two nodes behind the proxy of {@code docker/nginx.conf}, round robin and no affinity, as the
 * documented deployment runs them: a signed-in person is served by either node, keeps what they
 * typed when the node that drew their form stops, and the password throttle sees the real client.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignedInAcrossNodesIT {

    private static final String ADMIN_PASSWORD = "mot-de-passe-des-tests";
    private static final String PASSWORD = "un-mot-de-passe-solide";
    private static final String DATABASE = TestDatabases.POSTGRES_DATABASE + "_connexions";

    @TempDir
    static Path work;

    static Node a;
    static Node b;
    static Proxy proxy;

    @BeforeAll
    static void twoNodesBehindTheProxy() throws Exception {
        try (Connection admin = TestDatabases.adminConnection(); Statement sql = admin.createStatement()) {
            sql.execute("drop database if exists " + DATABASE + " with (force)");
            sql.execute("create database " + DATABASE);
        }
        Path content = Path.of(System.getProperty("essaim.content.dir", "content"));
        int corpus = ClusterIT.corpusSize(content);
        Map<String, String> environment = ClusterIT.environment(DATABASE, content);
        environment.put("ESSAIM_TRUSTED_PROXIES", "127.0.0.1");
        a = new Node("A", work.resolve("a"), environment);
        b = new Node("B", work.resolve("b"), environment);
        a.start();
        b.start();
        for (Node node : List.of(a, b)) {
            ClusterIT.Watch watch = ClusterIT.Watch.untilReady(node, corpus);
            watch.join();
            assertTrue(watch.readyAfterMillis > 0, node.name + " never became ready\n" + ClusterIT.tail(node));
        }
        for (String[] account : new String[][] {{"redactrice", "contributor"}, {"relecteur", "editor"}}) {
            HttpResponse<byte[]> created = a.sendBytes(HttpRequest.newBuilder(a.uri("/api/v1/accounts"))
                    .header("Authorization", basic("admin", ADMIN_PASSWORD))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + account[0] + "\",\"password\":\"" + PASSWORD
                            + "\",\"roles\":[\"" + account[1] + "\"]}")));
            assertEquals(201, created.statusCode(), new String(created.body(), StandardCharsets.UTF_8));
        }
        proxy = Proxy.inFrontOf(a, b, work.resolve("proxy"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        for (Node node : new Node[] {a, b}) {
            if (node != null) {
                node.close();
            }
        }
        try (Connection admin = TestDatabases.adminConnection(); Statement sql = admin.createStatement()) {
            sql.execute("drop database if exists " + DATABASE + " with (force)");
        } catch (SQLException e) {
            // The database of a failed run is dropped by the next one.
        }
    }

    @Test
    @Order(2)
    void aWriterKeepsHerSignInAndHerTextWhenTheNodeThatDrewHerFormStops() throws Exception {
        WebDriver browser = chromium();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            signIn(browser, "redactrice");
            browser.get(proxy("/fiches/nouvelle"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("texte")));
            browser.findElement(By.cssSelector("input.champ-title")).sendKeys("Navette des deux nœuds");
            new Select(browser.findElement(By.id("type"))).selectByValue("notion");
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("input.champ-porteur-nom")));
            browser.findElement(By.cssSelector(".champ-summary")).sendKeys("Une fiche écrite pendant l'arrêt d'un nœud.");
            browser.findElement(By.cssSelector(".cases-themes input[type=checkbox][value='3']")).click();
            browser.findElement(By.cssSelector("input.source-titre")).sendKeys("Essai de bascule entre nœuds");
            browser.findElement(By.id("texte")).sendKeys("## Avant l'arrêt\n\nUn premier paragraphe **tapé** sur un nœud.");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#apercu strong"), "tapé"));

            List<String> requests = proxy.requests();
            Set<String> served = new TreeSet<>();
            requests.stream().filter(line -> line.contains(" /api/v1/sheets/preview ") || line.contains(" /fiches/nouvelle "))
                    .forEach(line -> served.add(line.split(" ")[3]));
            String formNode = requests.stream().filter(line -> line.contains(" GET /fiches/nouvelle "))
                    .reduce((first, last) -> last).orElseThrow().split(" ")[3];
            System.out.println("Connectée par le proxy : éditeur et aperçu servis par " + served + ", formulaire dessiné par " + formNode);
            assertEquals(2, served.size(), "round robin sends the signed-in writer to both nodes: " + requests);

            Node stopped = formNode.endsWith(":" + a.port) ? a : b;
            Node survivor = stopped == a ? b : a;
            stopped.close();
            System.out.println("Nœud " + stopped.name + " arrêté au milieu de la saisie");

            browser.findElement(By.id("texte")).sendKeys("\n\n## Après l'arrêt\n\nLa suite **continuée** sans se reconnecter.");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#apercu"), "continuée"));
            browser.findElement(By.id("commentaire")).sendKeys("Brouillon enregistré par l'autre nœud");
            browser.findElement(By.id("brouillon")).click();
            await(browser, "/historique");
            assertTrue(browser.getCurrentUrl().startsWith(proxy("/")), browser.getCurrentUrl());
            String slug = browser.getCurrentUrl().replaceAll(".*/fiches/([^/]+)/historique.*", "$1");

            signIn(browser, "relecteur");
            browser.get(proxy("/fiches/" + slug + "/modifier"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("texte")));
            String kept = browser.findElement(By.id("texte")).getAttribute("value").replace("\r\n", "\n");
            assertTrue(kept.contains("Un premier paragraphe **tapé** sur un nœud.") && kept.contains("La suite **continuée**"),
                    "everything typed before and after the stop was saved: " + kept);
            browser.findElement(By.id("commentaire")).sendKeys("Publié par le relecteur");
            browser.findElement(By.id("publier")).click();
            await(browser, "/historique");
            HttpResponse<String> published = proxy.get("/fiches/" + slug);
            assertEquals(200, published.statusCode());
            assertTrue(published.body().contains("continuée"), "the published sheet has the text typed after the stop");
            System.out.println("Fiche « " + slug + " » : brouillon enregistré par " + survivor.name + " après l'arrêt de "
                    + stopped.name + ", publiée par le relecteur, sans reconnexion ni perte de texte");
        } finally {
            browser.quit();
        }
    }

    /** What a node answers by itself, reached directly as well as through the proxy. */
    @Test
    @Order(0)
    void aForgedHostNeverBecomesAnAddressAndAdminAnswersCarryNoCors() throws Exception {
        for (Node node : List.of(a, b)) {
            String page = rawGet(node, "/fiches/ClassificationDes18BouquetsDeServices", "evil.example", "");
            assertEquals(301, status(page), page);
            assertTrue(page.contains("\r\nLocation: /fiches/classification-des-18-bouquets-de-services\r\n"), page);
            String api = rawGet(node, "/api/v1/sheets/ClassificationDes18BouquetsDeServices", "evil.example", "");
            assertEquals(301, status(api), api);
            assertTrue(api.contains("\r\nLocation: /api/v1/sheets/classification-des-18-bouquets-de-services\r\n"), api);
            String login = rawGet(node, "/fiches/nouvelle", "evil.example", "");
            assertEquals(302, status(login), login);
            assertTrue(login.contains("\r\nLocation: /connexion?retour=%2Ffiches%2Fnouvelle\r\n"), login);
            for (String document : List.of("/sitemap.xml", "/feeds/fiches.atom", "/robots.txt")) {
                String answer = rawGet(node, document, "evil.example", "");
                assertTrue(!answer.contains("evil.example") && answer.contains("http://127.0.0.1:" + node.port + "/"),
                        document + " : " + answer.substring(0, Math.min(answer.length(), 1500)));
            }

            String export = rawGet(node, "/api/v1/export", "127.0.0.1", "Origin: https://autre.example\r\n");
            assertEquals(401, status(export), export);
            assertTrue(!export.contains("Access-Control-Allow-Origin"), export);
            String exported = rawGet(node, "/api/v1/export", "127.0.0.1",
                    "Origin: https://autre.example\r\nAuthorization: " + basic("admin", ADMIN_PASSWORD) + "\r\n");
            assertEquals(200, status(exported), exported.substring(0, 400));
            assertTrue(!exported.contains("Access-Control-Allow-Origin"), exported.substring(0, 400));
            String search = rawGet(node, "/api/v1/search?size=0", "127.0.0.1", "Origin: https://autre.example\r\n");
            assertTrue(search.contains("\r\nAccess-Control-Allow-Origin: *\r\n"), "the public read API stays open to partners");
        }
        System.out.println("Host: evil.example : redirections relatives, sitemap, flux et robots.txt sur l'adresse du nœud ; "
                + "export sans CORS, recherche avec CORS");
    }

    /** A request sent as is to a node, with the Host header given. */
    private static String rawGet(Node node, String path, String host, String headers) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", node.port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + headers
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Before any node stops: a sign-in, its end and a disabled account hold on both nodes at once. */
    @Test
    @Order(0)
    void signingOutAndDisablingAnAccountTakeEffectOnEveryNode() throws Exception {
        WebDriver browser = chromium();
        try {
            signIn(browser, "redactrice");
            String cookie = signInCookie(browser);
            assertEquals(List.of(200, 200), mySheetsOnEachNode(cookie), "signed in through the proxy, served by either node");

            browser.get(proxy("/deconnexion"));
            browser.findElement(By.id("sedeconnecter")).click();
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.not(ExpectedConditions.urlContains("deconnexion")));
            assertEquals(List.of(302, 302), mySheetsOnEachNode(cookie), "signed out on both nodes by one sign-out");

            signIn(browser, "redactrice");
            String again = signInCookie(browser);
            assertEquals(List.of(200, 200), mySheetsOnEachNode(again));
            assertEquals(200, setDisabled(a, true), "disabled through node A");
            assertEquals(List.of(302, 302), mySheetsOnEachNode(again), "a disabled account is signed out on both nodes");
            System.out.println("Déconnexion et compte désactivé : effet immédiat sur les deux nœuds");
        } finally {
            browser.quit();
            setDisabled(a, false);
        }
    }

    private static String signInCookie(WebDriver browser) {
        return browser.manage().getCookies().stream().filter(c -> c.getName().equals("essaim_connexion"))
                .map(c -> c.getName() + "=" + c.getValue()).findFirst().orElseThrow(() -> new AssertionError("no sign-in cookie"));
    }

    /** The status of « Mes fiches » asked of each node directly with one cookie: 200 signed in, 302 to the sign-in page. */
    private static List<Integer> mySheetsOnEachNode(String cookie) throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (Node node : List.of(a, b)) {
            statuses.add(node.sendBytes(HttpRequest.newBuilder(node.uri("/mes-fiches")).header("Cookie", cookie).GET()).statusCode());
        }
        return statuses;
    }

    private static int setDisabled(Node node, boolean disabled) throws Exception {
        return node.sendBytes(HttpRequest.newBuilder(node.uri("/api/v1/accounts/redactrice"))
                .header("Authorization", basic("admin", ADMIN_PASSWORD)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"disabled\":" + disabled + "}"))).statusCode();
    }

    // First: the other test stops a node.
    @Test
    @Order(1)
    void fortyWrongPasswordsFromOneClientDoNotLockTheAccountForAnotherClient() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            statuses.add(status(rawGet("127.0.0.2", "/api/v1/accounts", basic("admin", "pas-le-bon-" + i))));
        }
        long refused = statuses.stream().filter(s -> s == 429).count();
        System.out.println("40 mots de passe faux depuis 127.0.0.2 par le proxy : statuts " + new TreeSet<>(statuses)
                + ", dont " + refused + " refus 429");
        assertTrue(statuses.stream().allMatch(s -> s == 401 || s == 429), statuses.toString());
        assertTrue(refused > 0, "the client that guesses is slowed down: " + statuses);
        assertEquals(429, status(rawGet("127.0.0.2", "/api/v1/accounts", basic("admin", ADMIN_PASSWORD))),
                "even the right password waits from the address that guessed");
        String right = rawGet("127.0.0.3", "/api/v1/accounts", basic("admin", ADMIN_PASSWORD));
        assertEquals(200, status(right), right);
    }

    private static void signIn(WebDriver browser, String name) {
        browser.manage().deleteAllCookies();
        browser.get(proxy("/connexion"));
        browser.findElement(By.id("nom")).sendKeys(name);
        browser.findElement(By.id("motdepasse")).sendKeys(PASSWORD);
        browser.findElement(By.id("seconnecter")).click();
        try {
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.not(ExpectedConditions.urlContains("connexion")));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(name + " not signed in: " + browser.findElement(By.tagName("main")).getText()
                    + "\n" + severe(a) + "\n" + severe(b), e);
        }
    }

    /** Waits for an address, or says what the page and the nodes said instead. */
    private static void await(WebDriver browser, String path) {
        try {
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains(path));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("still on " + browser.getCurrentUrl() + ": " + browser.findElement(By.tagName("main")).getText()
                    + "\n" + severe(a) + "\n" + severe(b), e);
        }
    }

    /** What a node logged as SEVERE, to tell why a step failed. */
    private static String severe(Node node) {
        try {
            String log = node.log();
            int at = log.indexOf("SEVERE");
            return node.name + " : " + (at < 0 ? "pas d'erreur" : log.substring(at, Math.min(log.length(), at + 3000)));
        } catch (IOException e) {
            return node.name + " : " + e;
        }
    }

    private static String proxy(String path) {
        return "http://127.0.0.1:" + proxy.port + path;
    }

    private static String basic(String name, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A request to the proxy from one loopback address: each of 127.0.0.0/8 is a client of its own. */
    private static String rawGet(String from, String path, String authorization) throws IOException {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), proxy.port, InetAddress.getByName(from), 0)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + authorization
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int status(String answer) {
        return Integer.parseInt(answer.substring(9, 12));
    }

    static WebDriver chromium() {
        return Browsers.chromium(1280, 2000);
    }
}
