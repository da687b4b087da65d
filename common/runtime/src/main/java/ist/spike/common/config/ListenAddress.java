package ist.spike.common.config;

import java.net.InetSocketAddress;

/**
 * A listen address in upstream's Go form ({@code SPIKE_NEXUS_TLS_PORT=":8553"}, {@code SPIKE_KEEPER_TLS_PORT}):
 * {@code [host]:port}, where an empty host means every interface, and an IPv6 host is bracketed
 * ({@code [::1]:8553}). Port 0 asks the system for a free port, as in Go. Unlike Go, service names
 * ({@code :https}) are not accepted.
 *
 * @param host "" for every interface, else a host name or IP literal (IPv6 without brackets)
 */
public record ListenAddress(String host, int port) {
    private static final String TOO_MANY_COLONS = "too many colons (write an IPv6 host as [::1]:port)";

    public ListenAddress {
        if (host == null) {
            host = "";
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range 0..65535");
        }
    }

    /**
     * Splits like Go's {@code net.SplitHostPort}, then checks the port is a number.
     *
     * @throws IllegalArgumentException naming the problem
     */
    public static ListenAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("missing port");
        }
        String host;
        int noOpenBracketFrom = 0;
        int noCloseBracketFrom = 0;
        if (text.startsWith("[")) {
            int end = text.indexOf(']');
            if (end < 0) {
                throw new IllegalArgumentException("missing ']'");
            }
            if (end + 1 != colon) {
                boolean colonAfterBracket = end + 1 < text.length() && text.charAt(end + 1) == ':';
                throw new IllegalArgumentException(colonAfterBracket ? TOO_MANY_COLONS : "missing port");
            }
            host = text.substring(1, end);
            noOpenBracketFrom = 1;
            noCloseBracketFrom = end + 1;
            if (!host.contains(":")) {
                throw new IllegalArgumentException("brackets are only for IPv6 hosts");
            }
        } else {
            host = text.substring(0, colon);
            if (host.contains(":")) {
                throw new IllegalArgumentException(TOO_MANY_COLONS);
            }
        }
        if (text.indexOf('[', noOpenBracketFrom) >= 0) {
            throw new IllegalArgumentException("unexpected '['");
        }
        if (text.indexOf(']', noCloseBracketFrom) >= 0) {
            throw new IllegalArgumentException("unexpected ']'");
        }
        if (host.chars().anyMatch(c -> c <= ' ' || c == '/' || c == 0x7F)) {
            throw new IllegalArgumentException("invalid host");
        }
        String port = text.substring(colon + 1);
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException("port is not a number 0..65535");
        }
        return new ListenAddress(host, Integer.parseInt(port));
    }

    public boolean allInterfaces() {
        return host.isEmpty();
    }

    /** The wildcard address for every interface, else an address for the host (resolved now). */
    public InetSocketAddress toSocketAddress() {
        return allInterfaces() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }

    /** Go's form again: {@code :8553}, {@code 127.0.0.1:8553}, {@code [::1]:8553}. */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
