package fr.essaim.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class PublicRedirectsTest {

    private final PublicUrl none = new PublicUrl(Optional.empty());
    private final PublicUrl configured = new PublicUrl(Optional.of("https://essaim.example.fr/"));

    @Test
    void aLocationBuiltFromAForgedHostBecomesRelativeWithoutTheSetting() {
        assertEquals("/fiches/x", PublicRedirects.rewrite(none, "evil.example", "", "http://evil.example/fiches/x"));
        assertEquals("/fiches/x", PublicRedirects.rewrite(none, "evil.example", "", "/fiches/x"));
        assertEquals("/", PublicRedirects.rewrite(none, "evil.example", "", "https://evil.example"));
    }

    @Test
    void withTheSettingEveryLocationOnTheSiteUsesThePublicAddress() {
        assertEquals("https://essaim.example.fr/fiches/x?a=1",
                PublicRedirects.rewrite(configured, "evil.example", "", "http://evil.example/fiches/x?a=1"));
        assertEquals("https://essaim.example.fr/connexion", PublicRedirects.rewrite(configured, "evil.example", "", "/connexion"));
    }

    @Test
    void otherSitesAndProtocolRelativeAddressesAreLeftAlone() {
        assertEquals("https://partenaire.example/x", PublicRedirects.rewrite(configured, "evil.example", "", "https://partenaire.example/x"));
        assertEquals("//autre.example/x", PublicRedirects.rewrite(configured, "evil.example", "", "//autre.example/x"));
        assertEquals("http://evil.example.org/x", PublicRedirects.rewrite(none, "evil.example", "", "http://evil.example.org/x"));
    }

    @Test
    void aWrongSettingIsSaidInFrench() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PublicUrl(Optional.of("essaim.example.fr")));
        assertEquals("ESSAIM_PUBLIC_URL : « essaim.example.fr » n'est pas une adresse http(s) de site, par exemple https://essaim.example.fr",
                e.getMessage());
    }
}
