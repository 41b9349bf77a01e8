package fr.essaim.support;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The packaged application, as every Arquillian test class deploys it: on a data folder of its own
 * (an empty embedded database and index), so that no class sees what another one wrote.
 */
public final class Deployed {

    private Deployed() {
    }

    /**
     * The war built by the package phase, with a configuration that points it at the data folder of
     * the calling test class. Arquillian stops the Payara Micro of the previous test class without
     * waiting for it to exit; the next one must not start while the previous one still closes.
     */
    public static WebArchive application() throws InterruptedException {
        Class<?> testClass = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).getCallerClass();
        awaitEarlierServersGone();
        Ready.forgetAll();
        WebArchive war = ShrinkWrap.createFromZipFile(WebArchive.class,
                new File(System.getProperty("essaim.war", "target/ROOT.war")));
        return war.addAsLibrary(ShrinkWrap.create(JavaArchive.class, "test-data-folder.jar")
                .addAsManifestResource(new StringAsset(
                        // Above the environment (300), which gives the folder shared by the whole run.
                        "config_ordinal=400\nessaim.data.dir=" + dataFolder(testClass).toString().replace('\\', '/') + "\n"),
                        "microprofile-config.properties"));
    }

    /** Under the run's data folder, one folder per test class. */
    public static Path dataFolder(Class<?> testClass) {
        String root = System.getenv().getOrDefault("ESSAIM_DATA_DIR", "target/arquillian-data");
        return Path.of(root, testClass.getSimpleName()).toAbsolutePath();
    }

    private static void awaitEarlierServersGone() throws InterruptedException {
        List<ProcessHandle> servers = ProcessHandle.current().children()
                .filter(child -> child.info().commandLine().orElse("").contains("payara-micro"))
                .toList();
        for (ProcessHandle server : servers) {
            try {
                server.onExit().get(2, TimeUnit.MINUTES);
            } catch (TimeoutException | ExecutionException e) {
                server.destroyForcibly();
                server.onExit().join();
            }
        }
    }
}
