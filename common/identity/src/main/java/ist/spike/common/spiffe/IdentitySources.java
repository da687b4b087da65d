package ist.spike.common.spiffe;

import ist.spike.common.config.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.slf4j.LoggerFactory;

/** Picks where this program's identity comes from, from the environment. */
public final class IdentitySources {
    /** A directory of SVID files; when set it wins over the Workload API. */
    public static final String SPIKE_SVID_DIR = "SPIKE_SVID_DIR";
    public static final String SPIFFE_ENDPOINT_SOCKET = "SPIFFE_ENDPOINT_SOCKET";
    /** How long to wait for the first SVID from the Workload API (Go duration, e.g. "30s"). */
    public static final String SPIKE_SPIFFE_SOURCE_TIMEOUT = "SPIKE_SPIFFE_SOURCE_TIMEOUT";

    /**
     * {@code builtin} (the default) or {@code java-spiffe}: which client reads a Workload API on a unix
     * socket. The built-in one has not met a real SPIRE agent in our tests (none can run there); this
     * is the way back to java-spiffe's gRPC client without a new build if it ever fails against one.
     */
    public static final String SPIKE_WORKLOAD_API_CLIENT = "SPIKE_WORKLOAD_API_CLIENT";

    public static final String DEFAULT_ENDPOINT_SOCKET = "unix:///tmp/spire-agent/public/api.sock";
    public static final Duration DEFAULT_SOURCE_TIMEOUT = Duration.ofSeconds(30);

    private IdentitySources() {}

    /**
     * SVID files from {@code SPIKE_SVID_DIR} if set, otherwise the Workload API at
     * {@code SPIFFE_ENDPOINT_SOCKET} (waiting {@code SPIKE_SPIFFE_SOURCE_TIMEOUT} for the first SVID),
     * followed for rotations: on a unix socket with the built-in client ({@link StreamedIdentitySource}),
     * over {@code tcp://} with java-spiffe's ({@link WorkloadApiIdentitySource}).
     *
     * @throws IdentityUnavailableException when no SVID could be had
     */
    public static IdentitySource open(Map<String, String> env) {
        return open(env, false);
    }

    /**
     * Like {@link #open}, but for a program that ends within minutes: from a Workload API on a unix
     * socket the SVID is fetched once ({@link FetchedIdentitySource}) and not followed as it rotates.
     */
    public static IdentitySource openOnce(Map<String, String> env) {
        return open(env, true);
    }

    /**
     * The local file the identity comes from: the SVID directory, or the Workload API's unix socket;
     * empty for a Workload API over TCP. A long-running client can stop when it disappears.
     */
    public static java.util.Optional<Path> localSource(Map<String, String> env) {
        String svidDir = env.get(SPIKE_SVID_DIR);
        if (svidDir != null && !svidDir.isBlank()) {
            return java.util.Optional.of(Path.of(svidDir.trim()));
        }
        return java.util.Optional.ofNullable(unixSocketPath(endpoint(env)));
    }

    private static IdentitySource open(Map<String, String> env, boolean once) {
        String svidDir = env.get(SPIKE_SVID_DIR);
        if (svidDir != null && !svidDir.isBlank()) {
            return SvidFilesIdentitySource.open(Path.of(svidDir.trim()));
        }
        String address = endpoint(env);
        Duration timeout = sourceTimeout(env.get(SPIKE_SPIFFE_SOURCE_TIMEOUT));
        Path socket = builtInClient(env.get(SPIKE_WORKLOAD_API_CLIENT)) ? unixSocketPath(address) : null;
        if (socket == null) {
            // tcp://, which only java-spiffe speaks (followed for rotations, also for a one-shot program),
            // or java-spiffe asked for.
            return WorkloadApiIdentitySource.open(address, timeout);
        }
        return once ? FetchedIdentitySource.fetch(socket, address, timeout)
                : StreamedIdentitySource.open(socket, address, timeout);
    }

    private static boolean builtInClient(String choice) {
        if (choice == null || choice.isBlank() || choice.trim().equals("builtin")) {
            return true;
        }
        if (choice.trim().equals("java-spiffe")) {
            return false;
        }
        throw ConfigException.invalid(SPIKE_WORKLOAD_API_CLIENT, choice,
                "is not a Workload API client (expected builtin, the default, or java-spiffe)");
    }

    private static String endpoint(Map<String, String> env) {
        String socket = env.get(SPIFFE_ENDPOINT_SOCKET);
        return socket == null || socket.isBlank() ? DEFAULT_ENDPOINT_SOCKET : socket.trim();
    }

    /** The path in "unix:///path", "unix:/path" or "/path"; null for anything else. */
    static Path unixSocketPath(String address) {
        if (address.startsWith("/")) {
            return Path.of(address);
        }
        if (address.startsWith("unix://")) {
            String rest = address.substring("unix://".length());
            return rest.startsWith("/") ? Path.of(rest) : null; // unix://host/path is not a local socket
        }
        if (address.startsWith("unix:/")) {
            return Path.of(address.substring("unix:".length()));
        }
        return null;
    }

    /** Like upstream, an unreadable timeout falls back to the default; unlike upstream, it says so. */
    static Duration sourceTimeout(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_SOURCE_TIMEOUT;
        }
        return DurationText.parse(text).filter(d -> !d.isNegative() && !d.isZero()).orElseGet(() -> {
            // The logger only here: logging costs a short-lived program's start-up when nothing is logged.
            LoggerFactory.getLogger(IdentitySources.class).warn(
                    "{}={} is not a positive duration such as 30s; using {}", SPIKE_SPIFFE_SOURCE_TIMEOUT, text,
                    DEFAULT_SOURCE_TIMEOUT.toSeconds() + "s");
            return DEFAULT_SOURCE_TIMEOUT;
        });
    }
}
