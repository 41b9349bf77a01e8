package fr.essaim.startup;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpProbe;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.util.DataChunk;

import fr.essaim.problem.Problems;
import fr.essaim.web.MalformedAddressServlet;

/**
 * Sends a request whose path has a malformed percent escape ({@code /fiches/%ZZ}) or escapes that
 * are not UTF-8 ({@code /fiches/%C3}) to the French 400 of {@link MalformedAddressServlet}, as soon
 * as Grizzly has parsed its header. Payara's servlet adapter decodes the path before any filter of
 * the application runs, and its decoder's {@code IllegalArgumentException} is only logged (SEVERE
 * with a stack trace) and answered by an empty 200 (payara/Payara#8000).
 */
final class MalformedAddressProbe extends HttpProbe.Adapter {

    @Override
    public void onHeaderParseEvent(Connection connection, HttpHeader header, int size) {
        if (header instanceof HttpRequestPacket request && !readable(request.getRequestURIRef().getRequestURIBC())) {
            boolean api = Problems.isApi(request.getRequestURI());
            request.setRequestURI(MalformedAddressServlet.PATH);
            request.setQueryString(api ? MalformedAddressServlet.API : null);
        }
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
        return c < 128 && Character.digit(c, 16) >= 0;
    }
}
