package ist.spike.nexus.config;

import ist.spike.common.audit.AuditSettings;
import ist.spike.common.config.ConfigException;
import ist.spike.common.config.Env;
import ist.spike.common.config.ListenAddress;
import ist.spike.common.monitoring.HealthAddress;
import ist.spike.common.spiffe.Role;
import io.spiffe.exception.InvalidSpiffeIdException;
import io.spiffe.spiffeid.SpiffeId;
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
        List<KeeperPeer> keeperPeers,
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
        boolean policyStrict,
        RequestLimitSettings requestLimits,
        AuditSettings audit,
        ListenAddress health,
        Duration backupMaxAge) {
    private static final String PEERS = "SPIKE_NEXUS_KEEPER_PEERS";
    private static final String THRESHOLD_ONE_ACK = "SPIKE_NEXUS_SHAMIR_THRESHOLD_ONE_ACKNOWLEDGED";

    public static NexusSettings fromEnv(Env env) {
        BackendKind backend = env.oneOf("SPIKE_NEXUS_BACKEND_STORE", BackendKind.SQLITE, "a backend store");
        int shares = env.intInRange("SPIKE_NEXUS_SHAMIR_SHARES", 3, 1, 255);
        int threshold = env.intInRange("SPIKE_NEXUS_SHAMIR_THRESHOLD", 2, 1, 255);
        if (threshold > shares) {
            throw ConfigException.invalid("SPIKE_NEXUS_SHAMIR_THRESHOLD", Integer.toString(threshold),
                    "is more than SPIKE_NEXUS_SHAMIR_SHARES (" + shares + "); need 1 <= threshold <= shares");
        }
        if (threshold == 1 && backend != BackendKind.MEMORY && !env.bool(THRESHOLD_ONE_ACK, false)) {
            throw ConfigException.invalid("SPIKE_NEXUS_SHAMIR_THRESHOLD", "1", "gives every keeper the whole root "
                    + "key; set " + THRESHOLD_ONE_ACK + "=true if that is what you want");
        }
        List<KeeperPeer> peers = backend == BackendKind.MEMORY ? List.of() : keeperPeers(env, shares);
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
                env.bool("SPIKE_NEXUS_POLICY_STRICT", false),
                RequestLimitSettings.fromEnv(env),
                AuditSettings.fromEnv(env),
                env.parsed("SPIKE_NEXUS_HEALTH_ADDRESS", null, HealthAddress::parse),
                env.positiveDuration("SPIKE_NEXUS_BACKUP_MAX_AGE", Duration.ofHours(24)));
    }

    /**
     * Ordered keepers, one per share (keeper i, 1-based, holds share x = i): each entry an https URL, optionally
     * followed by {@code =} and the exact SPIFFE ID that keeper must present. No URL or bound ID twice.
     */
    private static List<KeeperPeer> keeperPeers(Env env, int shares) {
        List<String> raw = env.required(PEERS, "comma-separated https://host:port[=spiffe://td/spike/keeper/N] "
                + "keeper entries", Env::splitList);
        List<KeeperPeer> peers = new ArrayList<>();
        for (String entry : raw) {
            peers.add(keeperPeer(entry));
        }
        String all = String.join(",", raw);
        if (peers.stream().map(KeeperPeer::url).distinct().count() != peers.size()) {
            throw ConfigException.invalid(PEERS, all, "lists the same keeper twice");
        }
        List<SpiffeId> bound = peers.stream().flatMap(p -> p.boundId().stream()).toList();
        if (new HashSet<>(bound).size() != bound.size()) {
            throw ConfigException.invalid(PEERS, all, "binds two keepers to the same SPIFFE ID (one ID per keeper)");
        }
        if (peers.size() != shares) {
            throw ConfigException.invalid(PEERS, all, "lists " + peers.size()
                    + " keepers but SPIKE_NEXUS_SHAMIR_SHARES is " + shares + " (one keeper per share)");
        }
        return List.copyOf(peers);
    }

    /** {@code https://host:port} or {@code https://host:port=spiffe://td/spike/keeper/...}. */
    private static KeeperPeer keeperPeer(String entry) {
        int eq = entry.indexOf('=');
        String url = eq < 0 ? entry : entry.substring(0, eq);
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw ConfigException.invalid(PEERS, entry, "is not a URL");
        }
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw ConfigException.invalid(PEERS, entry, "is not an https://host:port URL");
        }
        if (eq < 0) {
            return KeeperPeer.unbound(uri);
        }
        SpiffeId id;
        try {
            id = SpiffeId.parse(entry.substring(eq + 1));
        } catch (InvalidSpiffeIdException | IllegalArgumentException e) {
            throw ConfigException.invalid(PEERS, entry, "binds a keeper to something that is not a SPIFFE ID "
                    + "(expected https://host:port=spiffe://td/spike/keeper/N)");
        }
        String path = id.getPath();
        if (!path.startsWith(Role.KEEPER.path() + "/") && !path.equals(Role.KEEPER.path())) {
            throw ConfigException.invalid(PEERS, entry, "binds a keeper to an ID outside " + Role.KEEPER.path()
                    + " (expected spiffe://td/spike/keeper/N)");
        }
        return KeeperPeer.bound(uri, id);
    }

    private static Path defaultDataDir() {
        return Path.of(System.getProperty("user.home"), ".spike", "data");
    }
}
