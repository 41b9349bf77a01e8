package fr.essaim.support;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The deployed application starts in the background (schema, reference data, corpus, index) and
 * answers 503 meanwhile: tests against it wait, as a load balancer would, until it says it is ready.
 */
public final class Ready {

    private static final Set<String> READY = ConcurrentHashMap.newKeySet();
    private static final Map<String, String> FAILED = new ConcurrentHashMap<>();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Ready() {
    }

    /**
     * Waits for readiness once per deployment; a deployment found broken fails every later test at
     * once instead of making each wait again.
     */
    public static void await(URL base) {
        String root = base.toString();
        if (READY.contains(root)) {
            return;
        }
        String failure = FAILED.get(root);
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        URI health = URI.create(root.replaceAll("/$", "") + "/health/ready");
        try {
            Awaitility.await().pollInterval(Duration.ofMillis(100)).atMost(Duration.ofMinutes(5)).until(() -> {
                try {
                    int status = HTTP.send(HttpRequest.newBuilder(health).GET().build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                    if (status == 404) {
                        // The server runs but holds no application: the deployment failed (see its log).
                        throw fail(root, "no application deployed at " + root + ": the deployment failed");
                    }
                    return status == 200;
                } catch (IOException e) {
                    return false; // not listening yet
                }
            });
        } catch (ConditionTimeoutException e) {
            throw fail(root, "the application at " + root + " was not ready after 5 minutes");
        }
        READY.add(root);
    }

    /**
     * Forgets what was found: a new deployment is a new server, which may listen at the address of
     * the previous one (its port freed) while it still starts.
     */
    static void forgetAll() {
        READY.clear();
        FAILED.clear();
    }

    private static IllegalStateException fail(String root, String why) {
        FAILED.put(root, why);
        return new IllegalStateException(why);
    }
}
