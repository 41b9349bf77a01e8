package fr.essaim.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class Utf8Test {

    @Test
    void validTextIsReadWhole() throws ContentException {
        String text = "---\ntitle: Épicerie solidaire à Saint-Étienne-de-Tinée\n---\nŒuvre, 🐝, « guillemets »\n";
        assertEquals(text, Utf8.decode(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aReplacementCharacterWrittenInTheFileIsKept() throws ContentException {
        String text = "caractère de remplacement : \uFFFD, gardé tel quel";
        assertEquals(text, Utf8.decode(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedNotReplaced() {
        byte[][] broken = {
                {'a', (byte) 0xE9, 't', (byte) 0xE9}, // Latin-1 « été »
                {'a', (byte) 0xC3}, // cut in the middle of a character
                {(byte) 0xC0, (byte) 0xAF}, // overlong « / »
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // a surrogate written as UTF-8
                {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // beyond U+10FFFF
        };
        for (byte[] bytes : broken) {
            ContentException refused = assertThrows(ContentException.class, () -> Utf8.decode(bytes));
            assertEquals("le fichier n'est pas en UTF-8 valide", refused.getMessage());
        }
    }

    @Test
    void aReplacementCharacterBesideBrokenBytesDoesNotHideThem() {
        byte[] text = "\uFFFD puis ".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[text.length + 1];
        System.arraycopy(text, 0, bytes, 0, text.length);
        bytes[text.length] = (byte) 0xFF;
        assertThrows(ContentException.class, () -> Utf8.decode(bytes));
    }
}
