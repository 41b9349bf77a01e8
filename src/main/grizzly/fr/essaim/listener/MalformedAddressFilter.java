package fr.essaim.listener;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.util.DataChunk;
import org.glassfish.grizzly.http.util.HttpStatus;
import org.glassfish.grizzly.memory.Buffers;

/**
 * Answers a French 400 to a request whose path has a malformed percent escape ({@code /fiches/%ZZ})
 * or escapes that are not UTF-8 ({@code /fiches/%C3}), right after the HTTP parser. Payara's
 * servlet adapter decodes the path before any filter of the application runs, and its decoder's
 * {@code IllegalArgumentException} is only logged (SEVERE with a stack trace) and answered by an
 * empty 200 (payara/Payara#8000).
 */
public final class MalformedAddressFilter extends BaseFilter {

    private static final String DETAIL = "L'adresse demandée ne peut pas être lue : un « % » doit être suivi de deux"
            + " chiffres hexadécimaux qui forment un texte UTF-8.";
    private static final byte[] PAGE = ("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">"
            + "<title>Requête mal formée</title></head><body><h1>Requête mal formée</h1><p>" + DETAIL
            + "</p><p><a href=\"/\">Retour à l'accueil</a></p></body></html>\n").getBytes(StandardCharsets.UTF_8);
    // The same RFC 9457 problem as the application's own 400 answers (fr.essaim.problem).
    private static final byte[] PROBLEM = ("{\"type\":\"about:blank\",\"title\":\"Requête invalide\",\"status\":400,"
            + "\"detail\":\"" + DETAIL + "\",\"error\":\"" + DETAIL + "\"}").getBytes(StandardCharsets.UTF_8);

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        if (!(ctx.getMessage() instanceof HttpContent content)
                || !(content.getHttpHeader() instanceof HttpRequestPacket request)
                || readable(request.getRequestURIRef().getOriginalRequestURIBC())) {
            return ctx.getInvokeAction();
        }
        HttpResponsePacket response = request.getResponse();
        if (!response.isCommitted()) {
            boolean api = request.getRequestURI().startsWith("/api/");
            byte[] body = api ? PROBLEM : PAGE;
            HttpStatus.BAD_REQUEST_400.setValues(response);
            response.setContentType(api ? "application/problem+json;charset=UTF-8" : "text/html;charset=UTF-8");
            response.setContentLength(body.length);
            // Its body, if any, is not read: the connection closes after the answer.
            request.getProcessingState().setKeepAlive(false);
            ctx.write(HttpContent.builder(response).content(Buffers.wrap(ctx.getMemoryManager(), body)).last(true).build());
        }
        request.getProcessingState().getHttpContext().close();
        return ctx.getStopAction();
    }

    /** Whether every percent escape of this raw path is two hexadecimal digits, together UTF-8. */
    static boolean readable(DataChunk path) {
        if (path.indexOf('%', 0) < 0) {
            return true;
        }
        String raw = path.toString(StandardCharsets.ISO_8859_1);
        ByteBuffer decoded = ByteBuffer.allocate(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                decoded.put((byte) c);
            } else if (i + 2 < raw.length() && hex(raw.charAt(i + 1)) && hex(raw.charAt(i + 2))) {
                decoded.put((byte) Integer.parseInt(raw, i + 1, i + 3, 16));
                i += 2;
            } else {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().decode(decoded.flip());
            return true;
        } catch (CharacterCodingException notUtf8) {
            return false;
        }
    }

    private static boolean hex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128;
    }
}
