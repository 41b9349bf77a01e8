package fr.essaim.startup;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

import org.glassfish.grizzly.http.HttpServerFilter;

/**
 * Puts {@link MalformedAddressProbe} on the HTTP parser of each of Payara's listeners. The listener
 * opens only after the deployment (post-deploy-commands.txt) and is built anew when restarted, so
 * its parsers are looked for every second. Payara publishes no API for them: its public methods
 * (Globals, GrizzlyService.lookupNetworkProxy, GrizzlyProxy.getUnderlyingListener,
 * GenericGrizzlyListener.getFilters) are called by name, from its runtime.
 */
@ApplicationScoped
public class ListenerProbes {

    private static final Logger LOG = Logger.getLogger(ListenerProbes.class.getName());

    private final MalformedAddressProbe probe = new MalformedAddressProbe();

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> task;
    private boolean announced;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        task = scheduler.scheduleWithFixedDelay(this::attach, 0, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    private void attach() {
        try {
            for (HttpServerFilter parser : parsers()) {
                var config = parser.getMonitoringConfig();
                if (!Arrays.asList(config.getProbes()).contains(probe)) {
                    config.addProbes(probe);
                    LOG.info("Les adresses mal formées reçoivent une réponse 400 sur cette écoute HTTP.");
                }
            }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            if (!announced) {
                announced = true;
                LOG.log(Level.INFO, "Écoutes HTTP de Payara introuvables : une adresse mal formée"
                        + " (/fiches/%ZZ) y reçoit la réponse de Payara.", e);
            }
        }
    }

    private static List<HttpServerFilter> parsers() throws ReflectiveOperationException {
        ClassLoader runtime = HttpServerFilter.class.getClassLoader();
        Class<?> locatorType = Class.forName("org.glassfish.hk2.api.ServiceLocator", true, runtime);
        Class<?> serviceType = Class.forName("com.sun.enterprise.v3.services.impl.GrizzlyService", true, runtime);
        Class<?> domType = Class.forName("org.glassfish.grizzly.config.dom.NetworkListener", true, runtime);
        Class<?> proxyType = Class.forName("com.sun.enterprise.v3.services.impl.GrizzlyProxy", true, runtime);
        Class<?> listenerType = Class.forName("org.glassfish.grizzly.config.GenericGrizzlyListener", true, runtime);
        Object locator = Class.forName("org.glassfish.internal.api.Globals", true, runtime)
                .getMethod("getDefaultHabitat").invoke(null);
        Object service = locatorType.getMethod("getService", Class.class, Annotation[].class)
                .invoke(locator, serviceType, new Annotation[0]);
        List<?> doms = (List<?>) locatorType.getMethod("getAllServices", Class.class, Annotation[].class)
                .invoke(locator, domType, new Annotation[0]);
        Method lookup = serviceType.getMethod("lookupNetworkProxy", domType);
        Method underlying = proxyType.getMethod("getUnderlyingListener");
        Method filters = listenerType.getMethod("getFilters", Class.class);
        List<HttpServerFilter> found = new ArrayList<>();
        for (Object dom : doms) {
            Object proxy = lookup.invoke(service, dom);
            if (proxyType.isInstance(proxy)) {
                Object listener = underlying.invoke(proxy);
                if (listenerType.isInstance(listener)) {
                    for (Object filter : (List<?>) filters.invoke(listener, HttpServerFilter.class)) {
                        found.add((HttpServerFilter) filter);
                    }
                }
            }
        }
        return found;
    }
}
