package fr.essaim.content;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

final class Utf8 {

    private Utf8() {
    }

    /** Strict decoding: a file that is not valid UTF-8 is refused, never silently altered. */
    static String decode(byte[] bytes) throws ContentException {
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
