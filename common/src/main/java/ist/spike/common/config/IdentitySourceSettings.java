package ist.spike.common.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the program's X.509-SVID comes from: SVID files when {@code SPIKE_SVID_DIR} is set, else the SPIFFE
 * Workload API at {@code SPIFFE_ENDPOINT_SOCKET}; {@code SPIKE_SPIFFE_SOURCE_TIMEOUT} bounds the wait for
 * the first SVID.
 *
 * @param svidDir the SVID files directory, if that mode is chosen
 * @param workloadApiSocket {@code unix:/path}, {@code unix:///path} or {@code tcp://host:port}
 */
public record IdentitySourceSettings(Optional<Path> svidDir, String workloadApiSocket, Duration sourceTimeout) {
    public static final String SVID_DIR = "SPIKE_SVID_DIR";
    public static final String ENDPOINT_SOCKET = "SPIFFE_ENDPOINT_SOCKET";
    public static final String SOURCE_TIMEOUT = "SPIKE_SPIFFE_SOURCE_TIMEOUT";

    public static final String DEFAULT_ENDPOINT_SOCKET = "unix:///tmp/spire-agent/public/api.sock";
    public static final Duration DEFAULT_SOURCE_TIMEOUT = Duration.ofSeconds(30);

    public static IdentitySourceSettings from(Env env) {
        Optional<Path> svidDir = Optional.ofNullable(env.parsed(SVID_DIR, null, IdentitySourceSettings::path));
        String socket = env.parsed(ENDPOINT_SOCKET, DEFAULT_ENDPOINT_SOCKET, IdentitySourceSettings::socket);
        Duration timeout = env.positiveDuration(SOURCE_TIMEOUT, DEFAULT_SOURCE_TIMEOUT);
        return new IdentitySourceSettings(svidDir, socket, timeout);
    }

    private static Path path(String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("is not a directory path");
        }
    }

    private static String socket(String value) {
        boolean unix = value.startsWith("unix:/") && value.length() > "unix:/".length();
        boolean tcp = value.startsWith("tcp://") && value.length() > "tcp://".length();
        if (!unix && !tcp) {
            throw new IllegalArgumentException(
                    "is not a Workload API address (expected unix:///path/to/api.sock or tcp://host:port)");
        }
        return value;
    }
}
