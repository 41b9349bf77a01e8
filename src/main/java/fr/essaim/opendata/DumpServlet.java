package fr.essaim.opendata;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import fr.essaim.shared.EntityTags;

/**
 * The open-data files under {@code /donnees/}: dumps, Table Schema and DCAT catalogue. They change
 * only when published content does: the number of the last change is their ETag, its date their
 * Last-Modified, and a conditional request that matches is answered 304 without reading a sheet.
 */
@WebServlet("/donnees/*")
public class DumpServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(DumpServlet.class.getName());

    @Inject
    OpenDataExports exports;

    @Inject
    PublishedSheets published;

    @Inject
    OpenDataSettings settings;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        String file = request.getPathInfo() == null ? "" : request.getPathInfo();
        String type = switch (file) {
            case "/fiches.csv" -> OpenDataExports.CSV_TYPE + ";charset=UTF-8;header=present";
            case "/fiches.json", "/schema.json" -> "application/json;charset=UTF-8";
            case "/fiches.zip" -> "application/zip";
            case "/catalogue.jsonld" -> "application/ld+json;charset=UTF-8";
            default -> null;
        };
        if (file.isEmpty() || file.equals("/")) {
            request.getRequestDispatcher("/donnees.xhtml").forward(request, response);
            return;
        }
        if (type == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String origin = settings.origin(request);
        PublishedSheets.Version version = published.version();
        // The addresses inside depend on the origin when ESSAIM_PUBLIC_URL is not set: it is part of the tag.
        String etag = "\"" + file.substring(1).replace('.', '-') + "-" + version.sequence() + "-"
                + Integer.toHexString(origin.hashCode()) + "\"";
        long modified = version.at().toInstant().toEpochMilli() / 1000 * 1000;
        response.setHeader("ETag", etag);
        response.setDateHeader("Last-Modified", modified);
        response.setHeader("Cache-Control", "public, max-age=300");
        response.setHeader("Access-Control-Allow-Origin", "*");
        if (notModified(request, etag, modified)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setContentType(type);
        if (file.startsWith("/fiches.")) {
            response.setHeader("Content-Disposition", "attachment; filename=\"essaim-" + file.substring(1) + "\"");
        }
        OutputStream out = response.getOutputStream();
        try {
            switch (file) {
                case "/fiches.csv" -> exports.dumpCsv(out, origin);
                case "/fiches.json" -> exports.dumpJson(out, origin);
                case "/fiches.zip" -> exports.dumpZip(out, origin);
                case "/schema.json" -> write(out, exports.tableSchema(origin));
                default -> write(out, exports.catalogue(origin));
            }
        } catch (IOException | RuntimeException e) {
            // Once streaming began the status is sent: the log says why the file stops short.
            LOG.log(Level.WARNING, "Téléchargement de " + file + " interrompu", e);
            if (!response.isCommitted()) {
                response.reset();
                response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            }
        }
    }

    private static boolean notModified(HttpServletRequest request, String etag, long modified) {
        String match = request.getHeader("If-None-Match");
        if (match != null) {
            return EntityTags.held(match, etag);
        }
        try {
            long since = request.getDateHeader("If-Modified-Since");
            return since >= 0 && modified <= since;
        } catch (IllegalArgumentException e) {
            // a malformed date is ignored, as HTTP says
            return false;
        }
    }

    private static void write(OutputStream out, JsonObject json) throws IOException {
        out.write(json.toString().getBytes(StandardCharsets.UTF_8));
    }
}
