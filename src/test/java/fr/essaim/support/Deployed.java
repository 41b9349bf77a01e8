package fr.essaim.support;

import java.io.File;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The packaged application, as every Arquillian test class deploys it on the same data folder. */
public final class Deployed {

    private Deployed() {
    }

    /**
     * The war built by the package phase. Arquillian stops the Payara Micro of the previous test
     * class without waiting for it to exit; the next one must not open the embedded database while
     * the previous one still closes it.
     */
    public static WebArchive application() throws InterruptedException {
        awaitEarlierServersGone();
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("essaim.war", "target/ROOT.war")));
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
