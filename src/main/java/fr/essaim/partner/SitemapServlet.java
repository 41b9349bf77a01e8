package fr.essaim.partner;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import fr.essaim.markdown.MarkdownRenderer;
import fr.essaim.sheet.SheetService;
import fr.essaim.theme.Theme;
import fr.essaim.theme.ThemeService;

/**
 * {@code /sitemap.xml} is an index of {@code /sitemaps/N.xml} files, each holding at most {@link #PER_FILE}
 * addresses, the limit of the sitemaps protocol.
 */
@WebServlet(urlPatterns = {"/sitemap.xml", "/sitemaps/*"})
public class SitemapServlet extends HttpServlet {

    static final int PER_FILE = 50_000;

    private static final String NS = "http://www.sitemaps.org/schemas/sitemap/0.9";

    @Inject
    SheetService sheets;

    @Inject
    ThemeService themes;

    record Address(String path, OffsetDateTime modified) {
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<Address> addresses = addresses();
        int files = Math.max(1, (addresses.size() + PER_FILE - 1) / PER_FILE);
        String origin = PartnerAnswers.origin(request);
        int file = 0;
        if (request.getServletPath().equals("/sitemaps")) {
            String name = request.getPathInfo() == null ? "" : request.getPathInfo();
            if (name.matches("/[1-9][0-9]{0,5}\\.xml")) {
                file = Integer.parseInt(name.substring(1, name.length() - 4));
            }
            if (file < 1 || file > files) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
        }
        response.setContentType("application/xml;charset=UTF-8");
        PartnerAnswers.publicFor(response, 3600);
        try {
            XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(response.getWriter());
            xml.writeStartDocument("UTF-8", "1.0");
            if (file == 0) {
                index(xml, origin, files);
            } else {
                urls(xml, origin, addresses.subList((file - 1) * PER_FILE, Math.min(addresses.size(), file * PER_FILE)));
            }
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("plan du site impossible à écrire", e);
        }
    }

    private List<Address> addresses() {
        List<Address> addresses = new ArrayList<>();
        addresses.add(new Address("/", null));
        addresses.add(new Address("/recherche", null));
        addresses.add(new Address("/partenaires", null));
        for (Theme theme : themes.all()) {
            addresses.add(new Address("/themes/" + theme.getCode(), null));
        }
        sheets.publishedDates().forEach((slug, written) -> addresses.add(new Address(MarkdownRenderer.SHEET_PATH + slug, written)));
        return addresses;
    }

    private static void index(XMLStreamWriter xml, String origin, int files) throws XMLStreamException {
        xml.writeStartElement("sitemapindex");
        xml.writeDefaultNamespace(NS);
        for (int i = 1; i <= files; i++) {
            xml.writeStartElement("sitemap");
            element(xml, "loc", origin + "/sitemaps/" + i + ".xml");
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    private static void urls(XMLStreamWriter xml, String origin, List<Address> addresses) throws XMLStreamException {
        xml.writeStartElement("urlset");
        xml.writeDefaultNamespace(NS);
        for (Address address : addresses) {
            xml.writeStartElement("url");
            element(xml, "loc", origin + address.path());
            if (address.modified() != null) {
                element(xml, "lastmod", address.modified().withOffsetSameInstant(ZoneOffset.UTC)
                        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            }
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }
}
