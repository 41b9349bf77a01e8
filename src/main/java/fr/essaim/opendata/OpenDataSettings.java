package fr.essaim.opendata;

import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.servlet.http.HttpServletRequest;

import fr.essaim.security.PublicUrl;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the open-data documents and the legal pages take from configuration: the default licence,
 * the publisher and the public address.
 */
@ApplicationScoped
@Named("openData")
public class OpenDataSettings {

    private static final Logger LOG = Logger.getLogger(OpenDataSettings.class.getName());

    @Inject
    @ConfigProperty(name = "essaim.licence", defaultValue = "etalab-2.0")
    String licence;

    @Inject
    PublicUrl publicUrl;

    @Inject
    @ConfigProperty(name = "essaim.publisher.name", defaultValue = "Essaim")
    String publisherName;

    @Inject
    @ConfigProperty(name = "essaim.publisher.address", defaultValue = "adresse postale à renseigner (ESSAIM_PUBLISHER_ADDRESS)")
    String publisherAddress;

    @Inject
    @ConfigProperty(name = "essaim.publisher.email", defaultValue = "contact@essaim.invalid")
    String publisherEmail;

    @Inject
    @ConfigProperty(name = "essaim.publisher.director", defaultValue = "le représentant légal de l'éditeur")
    String publicationDirector;

    @Inject
    @ConfigProperty(name = "essaim.host", defaultValue = "hébergeur à renseigner (ESSAIM_HOST)")
    String host;

    private volatile Licence defaultLicence;

    /** ESSAIM_LICENCE, or Licence Ouverte 2.0 when it names no licence of the list (the log says so). */
    public Licence getDefaultLicence() {
        Licence known = defaultLicence;
        if (known == null) {
            known = Licence.of(licence.strip()).orElseGet(() -> {
                LOG.warning(() -> "ESSAIM_LICENCE « " + licence + " » inconnue (etalab-2.0, cc-by-4.0, cc-by-sa-4.0) : "
                        + "Licence Ouverte 2.0 retenue");
                return Licence.ETALAB_2_0;
            });
            defaultLicence = known;
        }
        return known;
    }

    /** The licence a sheet names in its front matter, else the default one. */
    public Licence licenceOf(JsonObject fields) {
        return fields.get("licence") instanceof JsonString code ? Licence.of(code.getString()).orElse(getDefaultLicence())
                : getDefaultLicence();
    }

    /**
     * Scheme, host and context for absolute addresses: ESSAIM_PUBLIC_URL when set, so that documents
     * others keep (catalogue, CSV, dumps) never carry an address taken from a request's Host header.
     */
    public String origin(HttpServletRequest request) {
        return publicUrl.origin(request);
    }

    /** The CSV download of what a page lists, from the address of its Atom feed (same filters). */
    public String csvOf(String feed) {
        String search = feed.replace("/feeds/fiches.atom", "/api/v1/search");
        return search + (search.contains("?") ? "&" : "?") + "format=csv";
    }

    public String getPublisherName() {
        return publisherName;
    }

    public String getPublisherAddress() {
        return publisherAddress;
    }

    public String getPublisherEmail() {
        return publisherEmail;
    }

    public String getPublicationDirector() {
        return publicationDirector;
    }

    public String getHost() {
        return host;
    }

    public Licence[] getLicences() {
        return Licence.values();
    }
}
