package fr.essaim.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The address of the person behind a request, for the throttles. {@code X-Forwarded-For} is
 * believed only from the reverse proxies named in {@code ESSAIM_TRUSTED_PROXIES} (addresses or
 * CIDR blocks, comma-separated): anyone else could write any address in it. The header is read
 * from the right, the entries the trusted proxies added, down to the first address that is not a
 * trusted proxy.
 */
@ApplicationScoped
public class ClientAddress {

    private List<Block> trusted = List.of();

    protected ClientAddress() {
    }

    @Inject
    public ClientAddress(@ConfigProperty(name = "essaim.trusted.proxies") Optional<String> proxies) {
        this.trusted = parse(proxies.orElse(""));
    }

    public String of(HttpServletRequest request) {
        return resolve(request.getRemoteAddr(), Collections.list(request.getHeaders("X-Forwarded-For")));
    }

    String resolve(String remote, List<String> forwardedFor) {
        String client = remote;
        if (!isTrusted(client)) {
            return client;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = literal(hops.get(i));
            if (hop.isEmpty()) {
                // Something that is not an address: what came before it cannot be believed.
                return client;
            }
            client = hop.get().getHostAddress();
            if (!isTrusted(client)) {
                return client;
            }
        }
        return client;
    }

    private boolean isTrusted(String address) {
        Optional<InetAddress> parsed = literal(address);
        return parsed.isPresent() && trusted.stream().anyMatch(block -> block.contains(parsed.get()));
    }

    static List<Block> parse(String list) {
        List<Block> blocks = new ArrayList<>();
        for (String entry : list.split(",")) {
            String text = entry.strip();
            if (text.isEmpty()) {
                continue;
            }
            int slash = text.indexOf('/');
            Optional<InetAddress> address = literal(slash < 0 ? text : text.substring(0, slash));
            if (address.isEmpty()) {
                throw new IllegalArgumentException("ESSAIM_TRUSTED_PROXIES : « " + text
                        + " » n'est ni une adresse IP ni un bloc CIDR (par exemple 10.0.0.0/8).");
            }
            int bits = address.get().getAddress().length * 8;
            int prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("ESSAIM_TRUSTED_PROXIES : préfixe invalide dans « " + text + " ».");
            }
            blocks.add(new Block(address.get().getAddress(), prefix));
        }
        return List.copyOf(blocks);
    }

    /** An IP literal only: a host name is never looked up. */
    static Optional<InetAddress> literal(String text) {
        String value = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean ipv4 = value.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6 = value.contains(":") && value.matches("[0-9A-Fa-f:.]+");
        if (!ipv4 && !ipv6) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(value));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    record Block(byte[] network, int prefix) {
        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
