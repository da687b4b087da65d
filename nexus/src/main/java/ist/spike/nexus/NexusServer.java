package ist.spike.nexus;

import io.javalin.Javalin;
import ist.spike.common.audit.AuditSink;
import ist.spike.common.crypto.SecretBytes;
import ist.spike.common.startup.StartupTrace;
import ist.spike.common.spiffe.IdentitySource;
import ist.spike.common.spiffe.Role;
import ist.spike.common.spiffe.Roles;
import ist.spike.common.tls.MtlsContexts;
import ist.spike.nexus.tls.MtlsServer;
import ist.spike.common.tls.MtlsServerOptions;
import ist.spike.nexus.config.BackendKind;
import ist.spike.nexus.config.NexusSettings;
import ist.spike.nexus.config.RequestLimitSettings;
import ist.spike.nexus.cipher.CipherKeys;
import ist.spike.nexus.cipher.CipherService;
import ist.spike.common.monitoring.HealthListener;
import ist.spike.nexus.health.NexusHealth;
import ist.spike.nexus.metrics.NexusMetrics;
import ist.spike.nexus.operator.BackupHistory;
import ist.spike.nexus.operator.RecoveryExports;
import ist.spike.nexus.http.Access;
import ist.spike.nexus.http.ApiDispatcher;
import ist.spike.nexus.http.CipherRoutes;
import ist.spike.nexus.http.KeyRoutes;
import ist.spike.nexus.http.OperatorRoutes;
import ist.spike.nexus.http.Reply;
import ist.spike.nexus.http.PolicyRoutes;
import ist.spike.nexus.http.RouteTable;
import ist.spike.nexus.http.SecretRoutes;
import ist.spike.nexus.keepers.HttpKeeperPeers;
import ist.spike.nexus.limits.BodyBudget;
import ist.spike.nexus.limits.CallerRateLimiter;
import ist.spike.nexus.limits.RequestLimits;
import ist.spike.nexus.operator.RestoreSession;
import ist.spike.nexus.policy.PolicyService;
import ist.spike.nexus.rootkey.Backoff;
import ist.spike.nexus.rootkey.KeeperSync;
import ist.spike.nexus.rootkey.KeyedStore;
import ist.spike.nexus.rootkey.Rekey;
import ist.spike.nexus.rootkey.LiteKeyedStore;
import ist.spike.nexus.rootkey.RootKeyHolder;
import ist.spike.nexus.rootkey.RootKeyLifecycle;
import ist.spike.nexus.rootkey.SealedKeyedStore;
import ist.spike.nexus.secret.SecretService;
import ist.spike.nexus.store.BackendSlot;
import ist.spike.nexus.store.memory.MemoryStore;
import ist.spike.nexus.store.sealed.KeyRotation;
import ist.spike.nexus.store.sealed.SealedBackend;
import ist.spike.nexus.store.sqlite.SqliteStore;
import ist.spike.nexus.store.sqlite.SqliteStoreOptions;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Nexus: the mTLS API, the backend behind it and, for a persistent backend, the root-key
 * lifecycle (recovery from keepers, first boot, keeper sync). Tests start one per test on a random port.
 */
public final class NexusServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NexusServer.class);

    private final NexusSettings settings;
    private final NexusMetrics metrics;
    private final BackendSlot backend;
    private final RootKeyHolder rootKey = new RootKeyHolder();
    private final RootKeyLifecycle lifecycle;
    private final KeeperSync keeperSync;
    private final HttpKeeperPeers keeperClients;
    private final RouteTable routes = new RouteTable();
    private final CipherService cipher = new CipherService();
    /** Null for the lite backend, which stores no policies. */
    private final PolicyService policies;
    private final Javalin app;
    private final AuditSink audit;
    private volatile KeyRotation rotation;
    private volatile SealedBackend sealed;
    private final Rekey rekey;
    private final NexusHealth health;
    private HealthListener healthListener;
    private Thread recovery;

    private NexusServer(NexusSettings settings, IdentitySource identity, Roles roles) {
        this.settings = settings;
        metrics = settings.health() == null ? NexusMetrics.OFF : NexusMetrics.create(version());
        backend = new BackendSlot(metrics.storeTimings());
        RestoreSession restore = null;
        boolean lite = settings.backend() == BackendKind.LITE;
        policies = lite ? null : new PolicyService(backend, Clock.systemUTC(), settings.policyStrict());
        if (settings.backend() == BackendKind.MEMORY) {
            LOG.warn("SPIKE_NEXUS_BACKEND_STORE=memory: secrets live in this process only, unencrypted, and are "
                    + "lost when it stops. Never use it in production.");
            SecretBytes key = SecretBytes.random(32);
            try {
                adopt(SealedBackend.open(MemoryStore.storage(), key, Clock.systemUTC(),
                        settings.keyRotation().maxEncryptions()));
            } finally {
                key.destroy();
            }
            policies.load();
            lifecycle = null;
            keeperSync = null;
            keeperClients = null;
        } else {
            HttpKeeperPeers keepers = HttpKeeperPeers.open(settings.keeperPeers(), identity, roles.predicate(Role.KEEPER));
            keeperClients = keepers;
            KeyedStore store;
            if (lite) {
                LOG.info("SPIKE_NEXUS_BACKEND_STORE=lite: cipher service only; no secrets or policies are stored");
                store = new LiteKeyedStore(settings.dataDir());
            } else {
                SqliteStoreOptions options = SqliteStoreOptions.defaults(settings.dataDir())
                        .withSyncMode(settings.syncMode()).withCommitObserver(metrics.commits());
                store = new SealedKeyedStore(SqliteStore.storage(options), Clock.systemUTC(),
                        settings.keyRotation().maxEncryptions(), this::adopt);
            }
            lifecycle = new RootKeyLifecycle(store, keepers, settings.threshold(),
                    rootKey, new Backoff(Duration.ofMillis(500), settings.recoveryMaxInterval()));
            keeperSync = new KeeperSync(keepers, settings.threshold(), settings.keeperUpdateInterval());
            rootKey.onKeySet(key -> keeperSync.start(rootKey::get));
            if (lite) {
                // No store, so no keyring: the cipher service encrypts under the root key (as upstream).
                rootKey.onKeySet(key -> cipher.use(CipherKeys.single(key)));
            }
            if (policies != null) {
                // The store is open once the key is set: compile every policy before serving.
                rootKey.onKeySet(key -> policies.ensureLoaded());
            }
            restore = new RestoreSession(settings.threshold(), settings.maxShareId(), rootKey, lifecycle);
        }
        StartupTrace.mark("nexus: backend and keeper client");
        Access access = new Access(roles, policies);
        if (!lite) {
            new SecretRoutes(new SecretService(backend, Clock.systemUTC(), settings.maxSecretVersions()), access)
                    .addTo(routes);
            new PolicyRoutes(policies, access).addTo(routes);
        }
        new CipherRoutes(cipher, access, settings.maxCiphertextBytes()).addTo(routes);
        rekey = keeperSync == null || lite ? null : new Rekey(rootKey, keeperSync, () -> sealed);
        new KeyRoutes(roles, () -> rotation, rekey).addTo(routes);
        BackupHistory backups = new BackupHistory(Clock.systemUTC());
        OperatorRoutes.Snapshots snapshots = settings.backend() == BackendKind.SQLITE
                ? () -> snapshot(backups) : null;
        RecoveryExports exports = new RecoveryExports(
                settings.backend() == BackendKind.MEMORY ? null : settings.dataDir(), Clock.systemUTC());
        new OperatorRoutes(roles, rootKey, restore, settings.shares(), settings.threshold(), snapshots, exports,
                () -> sealed == null ? 1 : sealed.rootEpoch()).addTo(routes);

        StartupTrace.mark("nexus: routes");
        boolean gated = settings.backend() != BackendKind.MEMORY;
        RequestLimitSettings limits = settings.requestLimits();
        audit = AuditSink.open(settings.audit(), "Nexus");
        RequestLimits requestLimits = new RequestLimits(
                new CallerRateLimiter(limits.ratePerSecond(), limits.rateBurst()),
                new BodyBudget(limits.inFlightBodyBytes(), limits.perCallerBodyBytes()),
                settings.maxRequestBodyBytes());
        health = new NexusHealth(new NexusHealth.Parts(settings.backend(), rootKey,
                () -> policies == null || policies.ensureLoaded(), () -> sealed, () -> rotation, keeperSync, audit,
                auditMode(settings), backups, exports,
                settings.backupMaxAge(), () -> sealed == null ? -1 : sealed.records().sizeBytes(),
                () -> backend.read(tx -> tx.secretPaths().size())), Clock.systemUTC());
        metrics.readFrom(health, requestLimits);
        ApiDispatcher dispatcher = new ApiDispatcher(routes, () -> !gated || isReady(),
                ctx -> MtlsServer.peerId(ctx), settings.maxRequestBodyBytes(), requestLimits, audit,
                metrics.requests());
        MtlsServerOptions listen = MtlsServerOptions.listen(settings.listen().host(), settings.listen().port())
                .withIdleTimeout(settings.idleTimeout())
                .withFirstRequestTimeout(settings.readHeaderTimeout())
                .withBodyTimeout(limits.bodyTimeout())
                .withMaxConnections(limits.maxConnections());
        // Any SVID the trust bundle vouches for may connect (as upstream); each route's guard decides.
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.http.maxRequestSize = settings.maxRequestBodyBytes() + 1L;
            MtlsServer.install(cfg, MtlsContexts.server(identity, id -> true), listen);
            dispatcher.install(cfg);
        });
        StartupTrace.mark("nexus: Javalin configured");
    }

    /** Serves from {@code opened}: fills the slot, keys the cipher service, starts the rotation schedule. */
    private void adopt(SealedBackend opened) {
        backend.fill(opened);
        sealed = opened;
        cipher.use(CipherKeys.of(opened.keyring()));
        KeyRotation started = new KeyRotation(opened, Clock.systemUTC(), settings.keyRotation());
        rotation = started;
        started.start();
    }

    /** A snapshot checked by the store, its delivery recorded in {@code backups}. */
    private Reply.Download snapshot(BackupHistory backups) {
        SqliteStore.Snapshot snapshot;
        try {
            snapshot = ((SqliteStore) ((SealedBackend) backend.get()).records()).snapshot();
        } catch (RuntimeException e) {
            backups.failed();
            throw e;
        }
        return new Reply.Download(backups.verified(snapshot.content(), snapshot.length()), snapshot.length(),
                snapshot.sha256());
    }

    /** "off", or the mode and where the lines go, as {@code spike status} shows it. */
    private static String auditMode(NexusSettings settings) {
        if (settings.audit().off()) {
            return "off";
        }
        return settings.audit().mode().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                + (settings.audit().file() == null ? " to stdout" : " to a file");
    }

    private static String version() {
        String version = NexusServer.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    /** Builds and starts Nexus; with a persistent backend, recovery runs in the background. */
    public static NexusServer start(NexusSettings settings, IdentitySource identity, Roles roles) {
        NexusServer server = new NexusServer(settings, identity, roles);
        // Recovery first: asking the keepers needs no listener, so it overlaps the HTTP server's start.
        if (server.lifecycle != null) {
            server.recovery = Thread.ofVirtual().name("root-key-recovery").start(() -> {
                try {
                    server.lifecycle.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        try {
            server.app.start();
            if (settings.health() != null) {
                server.healthListener = HealthListener.start(settings.health(), server::isLive,
                        server.health::readiness, server.metrics.registry());
            }
        } catch (java.io.IOException e) {
            server.close();
            throw new java.io.UncheckedIOException("cannot listen on SPIKE_NEXUS_HEALTH_ADDRESS "
                    + settings.health() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The API's routes (for the architecture test). */
    RouteTable routes() {
        return routes;
    }

    public int port() {
        return app.port();
    }

    /** The health listener's port, or -1 when it is off. */
    public int healthPort() {
        return healthListener == null ? -1 : healthListener.port();
    }

    /** The facts the health listener, the metrics and {@code spike status} show. */
    public NexusHealth health() {
        return health;
    }

    /** Live while the API server runs. */
    private boolean isLive() {
        return app.jettyServer() != null && app.jettyServer().server().isRunning();
    }

    /** Serving: the root key is in (or not needed) and every policy is compiled. */
    public boolean isReady() {
        if (settings.backend() == BackendKind.MEMORY) {
            return true;
        }
        return rootKey.isPresent() && (policies == null || policies.ensureLoaded());
    }

    /** Test hook: opens the store with a known key (never reachable from configuration or the API). */
    boolean offerRootKeyForTests(SecretBytes key) {
        return lifecycle.offer(key);
    }

    SecretBytes rootKeyForTests() {
        return rootKey.get();
    }

    @Override
    public void close() {
        if (recovery != null) {
            recovery.interrupt();
        }
        if (keeperSync != null) {
            keeperSync.close();
        }
        if (rotation != null) {
            rotation.close();
        }
        if (healthListener != null) {
            healthListener.close();
        }
        app.stop();
        audit.close();
        if (keeperClients != null) {
            keeperClients.close();
        }
        backend.close();
        rootKey.destroy();
    }
}
