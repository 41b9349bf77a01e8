package fr.essaim.content;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

final class Utf8 {

    private Utf8() {
    }

    /**
     * Strict decoding: a file that is not valid UTF-8 is refused, never silently altered. The JDK's
     * own conversion, several times faster than a decoder, replaces what it cannot read by U+FFFD:
     * a text without that character was read whole; one with it is decoded again strictly, to tell
     * a replacement from a genuine U+FFFD of the file.
     */
    static String decode(byte[] bytes) throws ContentException {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') < 0) {
            return text;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ContentException("le fichier n'est pas en UTF-8 valide");
        }
    }
}
