package ist.spike.nexus.config;

import ist.spike.common.audit.AuditSettings;
import ist.spike.common.config.ConfigException;
import ist.spike.common.config.Env;
import ist.spike.common.config.ListenAddress;
import ist.spike.nexus.store.sqlite.SyncMode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Everything Nexus reads from SPIKE_NEXUS_* (and the HTTP server) variables, validated at start:
 * an invalid value stops Nexus with a one-line message instead of falling back silently.
 */
public record NexusSettings(
        ListenAddress listen,
        BackendKind backend,
        Path dataDir,
        SyncMode syncMode,
        List<URI> keeperPeers,
        int shares,
        int threshold,
        int maxShareId,
        Duration keeperUpdateInterval,
        Duration recoveryMaxInterval,
        int maxSecretVersions,
        int maxCiphertextBytes,
        int maxRequestBodyBytes,
        Duration readHeaderTimeout,
        Duration idleTimeout,
        KeyRotationSettings keyRotation,
        AuditSettings audit) {
    private static final String PEERS = "SPIKE_NEXUS_KEEPER_PEERS";

    public static NexusSettings fromEnv(Env env) {
        BackendKind backend = env.oneOf("SPIKE_NEXUS_BACKEND_STORE", BackendKind.SQLITE, "a backend store");
        int shares = env.intInRange("SPIKE_NEXUS_SHAMIR_SHARES", 3, 1, 255);
        int threshold = env.intInRange("SPIKE_NEXUS_SHAMIR_THRESHOLD", 2, 1, 255);
        if (threshold > shares) {
            throw ConfigException.invalid("SPIKE_NEXUS_SHAMIR_THRESHOLD", Integer.toString(threshold),
                    "is more than SPIKE_NEXUS_SHAMIR_SHARES (" + shares + "); need 1 <= threshold <= shares");
        }
        List<URI> peers = backend == BackendKind.MEMORY ? List.of() : keeperPeers(env, shares);
        return new NexusSettings(
                env.listenAddress("SPIKE_NEXUS_TLS_PORT", ":8553"),
                backend,
                env.parsed("SPIKE_NEXUS_DATA_DIR", defaultDataDir(), v -> Path.of(v).toAbsolutePath()),
                env.oneOf("SPIKE_NEXUS_DB_SYNCHRONOUS", SyncMode.FULL, "a SQLite synchronous mode"),
                peers,
                shares,
                threshold,
                env.intInRange("SPIKE_NEXUS_SHAMIR_MAX_SHARE_COUNT", 1000, 1, 1_000_000),
                env.positiveDuration("SPIKE_NEXUS_KEEPER_UPDATE_INTERVAL", Duration.ofSeconds(5)),
                env.positiveDuration("SPIKE_NEXUS_RECOVERY_MAX_INTERVAL", Duration.ofSeconds(5)),
                env.intInRange("SPIKE_NEXUS_MAX_SECRET_VERSIONS", 10, 1, 1000),
                env.intInRange("SPIKE_NEXUS_CRYPTO_MAX_CIPHERTEXT_SIZE", 65_536, 1, 64 * 1024 * 1024),
                env.intInRange("SPIKE_NEXUS_MAX_REQUEST_BODY_BYTES", 1024 * 1024, 1024, 256 * 1024 * 1024),
                env.positiveDuration("SPIKE_HTTP_SERVER_READ_HEADER_TIMEOUT", Duration.ofSeconds(10)),
                env.positiveDuration("SPIKE_HTTP_SERVER_IDLE_TIMEOUT", Duration.ofSeconds(60)),
                KeyRotationSettings.fromEnv(env),
                AuditSettings.fromEnv(env));
    }

    /** Ordered https URLs, one per share, no duplicates: keeper i (1-based) holds share x = i. */
    private static List<URI> keeperPeers(Env env, int shares) {
        List<String> raw = env.required(PEERS, "comma-separated https://host:port keeper URLs",
                Env::splitList);
        List<URI> peers = new ArrayList<>();
        for (String entry : raw) {
            URI uri;
            try {
                uri = URI.create(entry);
            } catch (IllegalArgumentException e) {
                throw ConfigException.invalid(PEERS, entry, "is not a URL");
            }
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw ConfigException.invalid(PEERS, entry, "is not an https://host:port URL");
            }
            peers.add(uri);
        }
        if (new HashSet<>(peers).size() != peers.size()) {
            throw ConfigException.invalid(PEERS, String.join(",", raw), "lists the same keeper twice");
        }
        if (peers.size() != shares) {
            throw ConfigException.invalid(PEERS, String.join(",", raw), "lists " + peers.size()
                    + " keepers but SPIKE_NEXUS_SHAMIR_SHARES is " + shares + " (one keeper per share)");
        }
        return List.copyOf(peers);
    }

    private static Path defaultDataDir() {
        return Path.of(System.getProperty("user.home"), ".spike", "data");
    }
}
