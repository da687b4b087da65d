package ist.spike.common.spiffe;

import ist.spike.common.config.ConfigException;
import ist.spike.common.duration.GoDuration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/** Picks where this program's identity comes from, from the environment. */
public final class IdentitySources {
    /** A directory of SVID files; when set it wins over the Workload API. */
    public static final String SPIKE_SVID_DIR = "SPIKE_SVID_DIR";
    public static final String SPIFFE_ENDPOINT_SOCKET = "SPIFFE_ENDPOINT_SOCKET";
    /**
     * How long to wait for the first SVID from the Workload API (Go duration, e.g. "30s"). A one-shot
     * program waits only while the socket exists and the agent does not answer yet.
     */
    public static final String SPIKE_SPIFFE_SOURCE_TIMEOUT = "SPIKE_SPIFFE_SOURCE_TIMEOUT";

    /**
     * {@code builtin} (the default) or {@code java-spiffe}: which client a one-shot program (the CLI)
     * fetches its SVID with from a Workload API on a unix socket. Long-running programs always use
     * java-spiffe's (docs/adr/0009-identity-clients.md); they only check the value.
     */
    public static final String SPIKE_WORKLOAD_API_CLIENT = "SPIKE_WORKLOAD_API_CLIENT";

    public static final String DEFAULT_ENDPOINT_SOCKET = "unix:///tmp/spire-agent/public/api.sock";
    /** A server's wait for its agent at start-up: the agent may start after it. */
    public static final Duration DEFAULT_SOURCE_TIMEOUT = Duration.ofSeconds(30);
    /** A one-shot program's wait for an agent whose socket exists but that does not answer yet. */
    public static final Duration DEFAULT_ONE_SHOT_TIMEOUT = Duration.ofSeconds(5);

    private IdentitySources() {}

    /**
     * SVID files from {@code SPIKE_SVID_DIR} if set, otherwise the Workload API at
     * {@code SPIFFE_ENDPOINT_SOCKET} through java-spiffe's client ({@link WorkloadApiIdentitySource}),
     * waiting {@code SPIKE_SPIFFE_SOURCE_TIMEOUT} for the first SVID and following rotations after.
     *
     * @throws IdentityUnavailableException when no SVID could be had
     */
    public static IdentitySource open(Map<String, String> env) {
        String svidDir = env.get(SPIKE_SVID_DIR);
        if (svidDir != null && !svidDir.isBlank()) {
            return SvidFilesIdentitySource.open(Path.of(svidDir.trim()));
        }
        builtInClient(env.get(SPIKE_WORKLOAD_API_CLIENT)); // a typo is refused here too
        return WorkloadApiIdentitySource.open(endpoint(env),
                sourceTimeout(env.get(SPIKE_SPIFFE_SOURCE_TIMEOUT), DEFAULT_SOURCE_TIMEOUT));
    }

    /**
     * Like {@link #open}, but for a program that ends within minutes: the SVID is not followed as it
     * rotates, and a Workload API on a unix socket is asked once, by the built-in client
     * ({@link FetchedIdentitySource}) unless {@code SPIKE_WORKLOAD_API_CLIENT=java-spiffe}. Fails at
     * once when the socket does not exist or the agent answers without an SVID; waits
     * ({@code SPIKE_SPIFFE_SOURCE_TIMEOUT}, by default {@link #DEFAULT_ONE_SHOT_TIMEOUT}) only while the
     * socket exists and nothing answers yet.
     */
    public static IdentitySource openOnce(Map<String, String> env) {
        String svidDir = env.get(SPIKE_SVID_DIR);
        if (svidDir != null && !svidDir.isBlank()) {
            return SvidFilesIdentitySource.open(Path.of(svidDir.trim()));
        }
        String address = endpoint(env);
        boolean builtIn = builtInClient(env.get(SPIKE_WORKLOAD_API_CLIENT));
        Duration wait = sourceTimeout(env.get(SPIKE_SPIFFE_SOURCE_TIMEOUT), DEFAULT_ONE_SHOT_TIMEOUT);
        Path socket = unixSocketPath(address);
        if (socket == null) {
            return WorkloadApiIdentitySource.open(address, wait); // tcp://, which only java-spiffe speaks
        }
        if (!builtIn) {
            if (!Files.exists(socket)) {
                throw WorkloadApiErrors.noSocket(socket);
            }
            return WorkloadApiIdentitySource.open(address, wait);
        }
        return FetchedIdentitySource.fetch(socket, address, wait);
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

    /** The Workload API's unix socket this program would use; empty for SVID files or a Workload API over TCP. */
    public static Optional<Path> workloadApiSocket(Map<String, String> env) {
        String svidDir = env.get(SPIKE_SVID_DIR);
        if (svidDir != null && !svidDir.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(unixSocketPath(endpoint(env)));
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
    static Duration sourceTimeout(String text, Duration defaultTimeout) {
        if (text == null || text.isBlank()) {
            return defaultTimeout;
        }
        return goDuration(text.trim()).filter(d -> !d.isNegative() && !d.isZero()).orElseGet(() -> {
            // The logger only here: logging costs a short-lived program's start-up when nothing is logged.
            LoggerFactory.getLogger(IdentitySources.class).warn(
                    "{}={} is not a positive duration such as 30s; using {}", SPIKE_SPIFFE_SOURCE_TIMEOUT, text,
                    defaultTimeout.toSeconds() + "s");
            return defaultTimeout;
        });
    }

    private static Optional<Duration> goDuration(String text) {
        try {
            return Optional.of(GoDuration.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
