package fr.essaim.partner;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import fr.essaim.infra.DataSourceDeclaration;
import fr.essaim.markdown.MarkdownRenderer;
import fr.essaim.theme.Theme;
import fr.essaim.theme.ThemeService;

/**
 * {@code /sitemap.xml} is an index of {@code /sitemaps/N.xml} files, each holding at most {@link #PER_FILE}
 * addresses, the limit of the sitemaps protocol: the fixed pages and themes in the first, then the
 * published sheets of a range of ids each ({@link SitemapRanges}). Each answer carries a
 * {@code Last-Modified}, and a crawler that already has it gets a 304 without a file being written.
 */
@WebServlet(urlPatterns = {"/sitemap.xml", "/sitemaps/*"})
public class SitemapServlet extends HttpServlet {

    static final int PER_FILE = 50_000;
    /** Sheet ids per file: small files keep each answer short; the fixed pages and themes fit in the first. */
    static final int SHEETS_PER_FILE = 10_000;

    private static final Logger LOG = Logger.getLogger(SitemapServlet.class.getName());
    private static final String NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static final XMLOutputFactory XML = XMLOutputFactory.newInstance();
    private static final int INDEX = 0;
    private static final int NOT_FOUND = -1;

    /** The fixed pages and the themes come with the deployment: they may have changed since it only. */
    private final long deployed = Instant.now().truncatedTo(ChronoUnit.SECONDS).toEpochMilli();
    private final SitemapRanges ranges = new SitemapRanges(SHEETS_PER_FILE);

    @Resource(lookup = DataSourceDeclaration.JNDI_NAME)
    DataSource dataSource;

    @Inject
    ThemeService themes;

    @Override
    protected long getLastModified(HttpServletRequest request) {
        try (Connection connection = dataSource.getConnection()) {
            int file = requested(request, connection);
            if (file == NOT_FOUND) {
                return -1;
            }
            Optional<OffsetDateTime> changed = file == INDEX ? ranges.lastModified(connection) : ranges.lastModified(connection, file);
            // In whole seconds, as HTTP dates are: the container compares If-Modified-Since with it as it is.
            long seconds = changed.map(at -> at.toInstant().getEpochSecond()).orElse(0L) * 1000;
            return file <= 1 ? Math.max(seconds, deployed) : seconds;
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Date du plan du site illisible", e);
            return -1;
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int file;
        List<Integer> files = List.of();
        List<SitemapRanges.Entry> entries = List.of();
        // Read whole before writing: a slow crawler does not hold a database connection.
        try (Connection connection = dataSource.getConnection()) {
            file = requested(request, connection);
            if (file == INDEX) {
                files = ranges.files(connection);
            } else if (file != NOT_FOUND) {
                entries = ranges.entries(connection, file);
            }
        } catch (SQLException e) {
            throw new IOException("plan du site illisible", e);
        }
        if (file == NOT_FOUND) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String origin = PartnerAnswers.origin(request);
        response.setContentType("application/xml;charset=UTF-8");
        PartnerAnswers.publicFor(response, 3600);
        try {
            XMLStreamWriter xml = XML.createXMLStreamWriter(response.getWriter());
            xml.writeStartDocument("UTF-8", "1.0");
            if (file == INDEX) {
                index(xml, origin, files);
            } else {
                urls(xml, origin, file == 1, entries);
            }
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("plan du site impossible à écrire", e);
        }
    }

    /** {@link #INDEX}, the number of a file the index lists, or {@link #NOT_FOUND}. */
    private int requested(HttpServletRequest request, Connection connection) throws SQLException {
        if (!request.getServletPath().equals("/sitemaps")) {
            return INDEX;
        }
        String name = request.getPathInfo() == null ? "" : request.getPathInfo();
        if (!name.matches("/[1-9][0-9]{0,5}\\.xml")) {
            return NOT_FOUND;
        }
        int file = Integer.parseInt(name.substring(1, name.length() - 4));
        return ranges.files(connection).contains(file) ? file : NOT_FOUND;
    }

    private static void index(XMLStreamWriter xml, String origin, List<Integer> files) throws XMLStreamException {
        xml.writeStartElement("sitemapindex");
        xml.writeDefaultNamespace(NS);
        for (int file : files) {
            xml.writeStartElement("sitemap");
            element(xml, "loc", origin + "/sitemaps/" + file + ".xml");
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    private void urls(XMLStreamWriter xml, String origin, boolean fixedPages, List<SitemapRanges.Entry> entries)
            throws XMLStreamException {
        xml.writeStartElement("urlset");
        xml.writeDefaultNamespace(NS);
        if (fixedPages) {
            for (String path : List.of("/", "/recherche", "/partenaires")) {
                url(xml, origin + path, null);
            }
            for (Theme theme : themes.all()) {
                url(xml, origin + "/themes/" + theme.getCode(), null);
            }
        }
        OffsetDateTime previous = null;
        String written = null;
        for (SitemapRanges.Entry entry : entries) {
            // Sheets imported together share their date: it is written out once.
            if (!entry.updated().equals(previous)) {
                previous = entry.updated();
                written = previous.toInstant().truncatedTo(ChronoUnit.SECONDS).toString();
            }
            url(xml, origin + MarkdownRenderer.SHEET_PATH + entry.slug(), written);
        }
        xml.writeEndElement();
    }

    private static void url(XMLStreamWriter xml, String location, String modified) throws XMLStreamException {
        xml.writeStartElement("url");
        element(xml, "loc", location);
        if (modified != null) {
            element(xml, "lastmod", modified);
        }
        xml.writeEndElement();
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }
}
