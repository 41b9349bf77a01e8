package fr.essaim.mail;

import java.util.logging.Logger;

import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.annotation.WebListener;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The address visitors use, for the absolute links of mails: {@code ESSAIM_PUBLIC_URL}. Never the
 * {@code Host} of a request, which anyone can set: without the setting, a single node links to
 * itself on the port it listens on.
 */
@WebListener
public class PublicUrl implements ServletRequestListener {

    private static final Logger LOG = Logger.getLogger(PublicUrl.class.getName());
    private static volatile int localPort = 8080;
    private static volatile boolean warned;

    @Override
    public void requestInitialized(ServletRequestEvent event) {
        localPort = event.getServletRequest().getLocalPort();
    }

    /** "https://essaim.example.fr", without a trailing slash. */
    public static String base() {
        String configured = ConfigProvider.getConfig(PublicUrl.class.getClassLoader())
                .getOptionalValue("essaim.public.url", String.class).map(String::strip).orElse("");
        if (!configured.isEmpty()) {
            return configured.replaceAll("/+$", "");
        }
        if (!warned) {
            warned = true;
            LOG.warning("ESSAIM_PUBLIC_URL n'est pas défini : les liens des courriels mènent à http://localhost:"
                    + localPort);
        }
        return "http://localhost:" + localPort;
    }
}
