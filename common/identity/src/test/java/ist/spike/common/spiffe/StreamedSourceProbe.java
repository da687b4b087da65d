package ist.spike.common.spiffe;

import java.util.Map;

/**
 * Opens the identity the way a server does and prints what it got; run in a child JVM that logs class
 * loading, by StreamedIdentitySourceTest, to see which classes the streamed path needs.
 */
final class StreamedSourceProbe {
    private StreamedSourceProbe() {}

    public static void main(String[] args) {
        try (IdentitySource source = IdentitySources.open(Map.of(
                IdentitySources.SPIFFE_ENDPOINT_SOCKET, args[0], IdentitySources.SPIKE_SPIFFE_SOURCE_TIMEOUT, "10s"))) {
            source.x509Source().getX509Svid();
            System.out.println("probe: " + source.getClass().getSimpleName() + " " + source.spiffeId());
        }
    }
}
