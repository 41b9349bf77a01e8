package fr.essaim.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private final ClientAddress behindProxy = new ClientAddress(Optional.of("127.0.0.1, 10.0.0.0/8"));
    private final ClientAddress direct = new ClientAddress(Optional.empty());

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertEquals("198.51.100.4", direct.resolve("198.51.100.4", List.of("203.0.113.7")));
    }

    @Test
    void aClientThatIsNotAProxyCannotChooseItsAddress() {
        assertEquals("198.51.100.4", behindProxy.resolve("198.51.100.4", List.of("203.0.113.7")));
    }

    @Test
    void theTrustedProxyGivesTheClient() {
        assertEquals("203.0.113.7", behindProxy.resolve("127.0.0.1", List.of("203.0.113.7")));
    }

    @Test
    void anAddressWrittenByTheClientBeforeTheProxyIsNotBelieved() {
        // nginx appends the address it saw to whatever the client sent.
        assertEquals("203.0.113.7", behindProxy.resolve("127.0.0.1", List.of("192.0.2.66, 203.0.113.7")));
    }

    @Test
    void chainedTrustedProxiesAreSkipped() {
        assertEquals("203.0.113.7", behindProxy.resolve("127.0.0.1", List.of("203.0.113.7, 10.2.3.4")));
        assertEquals("203.0.113.7", behindProxy.resolve("127.0.0.1", List.of("203.0.113.7", "10.2.3.4")));
    }

    @Test
    void garbageInTheHeaderStopsAtTheLastAddressKnown() {
        assertEquals("127.0.0.1", behindProxy.resolve("127.0.0.1", List.of("evil.example")));
        assertEquals("127.0.0.1", behindProxy.resolve("127.0.0.1", List.of()));
    }

    @Test
    void ipv6AndBlocks() {
        ClientAddress v6 = new ClientAddress(Optional.of("::1, fd00::/8"));
        assertEquals("2001:db8:0:0:0:0:0:1", v6.resolve("0:0:0:0:0:0:0:1", List.of("2001:db8::1")));
        assertEquals("2001:db8:0:0:0:0:0:1", v6.resolve("fd12::5", List.of("[2001:db8::1]")));
    }

    @Test
    void aMistakeInTheSettingIsSaidInFrench() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ClientAddress(Optional.of("proxy.example")));
        assertEquals("ESSAIM_TRUSTED_PROXIES : « proxy.example » n'est ni une adresse IP ni un bloc CIDR (par exemple 10.0.0.0/8).",
                e.getMessage());
    }
}
