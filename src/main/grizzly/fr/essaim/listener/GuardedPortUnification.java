package fr.essaim.listener;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.portunif.PUFilter;
import org.glassfish.grizzly.portunif.PUProtocol;
import org.glassfish.grizzly.portunif.ProtocolFinder;

/**
 * The port unification filter of the HTTP listener (its {@code port-unification classname} in the
 * domain configuration, src/main/payara/pre-boot-commands.txt): Payara builds each sub-protocol's
 * chain itself and offers no setting to add a filter to an HTTP chain, but hands every chain to
 * this filter, which puts {@link MalformedAddressFilter} right after the HTTP parser.
 */
public final class GuardedPortUnification extends PUFilter {

    private static final Logger LOG = Logger.getLogger(GuardedPortUnification.class.getName());

    @Override
    public PUProtocol register(ProtocolFinder finder, FilterChain chain) {
        int parser = chain.indexOfType(HttpServerFilter.class);
        if (parser >= 0) {
            chain.add(parser + 1, new MalformedAddressFilter());
        }
        PUProtocol protocol = super.register(finder, chain);
        int server = chain.indexOfType(org.glassfish.grizzly.http.server.HttpServerFilter.class);
        if (server >= 0) {
            announceMapper(((org.glassfish.grizzly.http.server.HttpServerFilter) chain.get(server)).getHttpHandler());
        }
        return protocol;
    }

    /**
     * When a listener is (re)started (enabled after the deployment, post-deploy-commands.txt), Payara
     * gives its new request mapper to the web container only for the listeners that name the HTTP
     * protocol itself, not one reached through port unification: without this call, every address
     * answers 404. It does here what GlassfishNetworkListener.configureHttpProtocol does, through
     * Payara's private fields (no published artifact has these classes); ClusterIT would see it break.
     */
    private static void announceMapper(HttpHandler containerMapper) {
        try {
            Object grizzlyService = field(containerMapper, "grizzlyService");
            Object listener = field(containerMapper, "listener");
            Object mapper = field(containerMapper, "mapper");
            Object networkListener = listener.getClass().getMethod("getNetworkListener").invoke(listener);
            for (Method method : grizzlyService.getClass().getMethods()) {
                if (method.getName().equals("notifyMapperUpdateListeners") && method.getParameterCount() == 2) {
                    method.invoke(grizzlyService, networkListener, mapper);
                    return;
                }
            }
            throw new NoSuchMethodException("notifyMapperUpdateListeners");
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "Le serveur web n'a pas reçu la table d'adresses de l'écoute HTTP"
                    + " redémarrée : les adresses répondront 404 jusqu'au prochain démarrage.", e);
        }
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        for (Class<?> type = owner.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return field.get(owner);
            } catch (NoSuchFieldException notHere) {
                // declared by a superclass
            }
        }
        throw new NoSuchFieldException(name);
    }
}
