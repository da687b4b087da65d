package ist.spike.common.spiffe;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Picks where this program's identity comes from, from the environment. */
public final class IdentitySources {
    /** A directory of SVID files; when set it wins over the Workload API. */
    public static final String SPIKE_SVID_DIR = "SPIKE_SVID_DIR";
    public static final String SPIFFE_ENDPOINT_SOCKET = "SPIFFE_ENDPOINT_SOCKET";
    /** How long to wait for the first SVID from the Workload API (Go duration, e.g. "30s"). */
    public static final String SPIKE_SPIFFE_SOURCE_TIMEOUT = "SPIKE_SPIFFE_SOURCE_TIMEOUT";

    public static final String DEFAULT_ENDPOINT_SOCKET = "unix:///tmp/spire-agent/public/api.sock";
    public static final Duration DEFAULT_SOURCE_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(IdentitySources.class);

    private IdentitySources() {}

    /**
     * SVID files from {@code SPIKE_SVID_DIR} if set, otherwise the Workload API at
     * {@code SPIFFE_ENDPOINT_SOCKET} (waiting {@code SPIKE_SPIFFE_SOURCE_TIMEOUT} for the first SVID).
     *
     * @throws IdentityUnavailableException when no SVID could be had
     */
    public static IdentitySource open(Map<String, String> env) {
        String svidDir = env.get(SPIKE_SVID_DIR);
        if (svidDir != null && !svidDir.isBlank()) {
            return SvidFilesIdentitySource.open(Path.of(svidDir.trim()));
        }
        String socket = env.get(SPIFFE_ENDPOINT_SOCKET);
        if (socket == null || socket.isBlank()) {
            socket = DEFAULT_ENDPOINT_SOCKET;
        }
        return WorkloadApiIdentitySource.open(socket.trim(), sourceTimeout(env.get(SPIKE_SPIFFE_SOURCE_TIMEOUT)));
    }

    /** Like upstream, an unreadable timeout falls back to the default; unlike upstream, it says so. */
    static Duration sourceTimeout(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_SOURCE_TIMEOUT;
        }
        return DurationText.parse(text).filter(d -> !d.isNegative() && !d.isZero()).orElseGet(() -> {
            LOG.warn("{}={} is not a positive duration such as 30s; using {}", SPIKE_SPIFFE_SOURCE_TIMEOUT, text,
                    DEFAULT_SOURCE_TIMEOUT.toSeconds() + "s");
            return DEFAULT_SOURCE_TIMEOUT;
        });
    }
}
