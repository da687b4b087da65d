package ist.spike.keeper;

import io.spiffe.exception.InvalidSpiffeIdException;
import io.spiffe.spiffeid.SpiffeId;
import ist.spike.common.config.ConfigException;
import ist.spike.common.audit.AuditSettings;
import ist.spike.common.audit.AuditSink;
import ist.spike.common.config.Env;
import ist.spike.common.config.ListenAddress;
import ist.spike.common.logging.ServerLogging;
import ist.spike.common.startup.ProgramStart;
import ist.spike.common.startup.StartupException;
import ist.spike.common.startup.StartupTrace;
import ist.spike.common.spiffe.IdentitySource;
import ist.spike.common.spiffe.Role;
import ist.spike.common.spiffe.Roles;
import ist.spike.common.tls.MtlsContexts;
import ist.spike.common.tls.MtlsServerOptions;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** SPIKE Keeper: holds one shard of the root key in memory and hands it back to Nexus. */
public final class KeeperMain {
    private static final Logger LOG = LoggerFactory.getLogger(KeeperMain.class);
    /** Nexus keeps one connection to a keeper, Bootstrap one more: room for those and some slack. */
    static final int DEFAULT_MAX_CONNECTIONS = 16;

    private KeeperMain() {}

    public static void main(String[] args) {
        StartupTrace.mark("main");
        if (args.length > 0) {
            System.out.println("usage: keeper   (configured by environment: SPIKE_KEEPER_TLS_PORT, "
                    + "SPIFFE_ENDPOINT_SOCKET or SPIKE_SVID_DIR, the per-role trust roots; see docs/configuration.md)");
            System.exit("--help".equals(args[0]) || "-h".equals(args[0]) ? 0 : 1);
        }
        ProgramStart.run("keeper", () -> {
            Env env = Env.system();
            ProgramStart.checkLogLevel(env);
            ProgramStart.chooseFipsMode(env);
            ProgramStart.hardenMemory(env);
            Roles roles = Roles.fromEnv(System.getenv());
            ListenAddress listen = env.listenAddress("SPIKE_KEEPER_TLS_PORT", ":8443");
            Duration headerTimeout = env.positiveDuration("SPIKE_HTTP_SERVER_READ_HEADER_TIMEOUT", Duration.ofSeconds(10));
            int maxConnections = env.intInRange("SPIKE_KEEPER_MAX_CONNECTIONS", DEFAULT_MAX_CONNECTIONS, 1, 10_000);
            KeeperCallers callers = new KeeperCallers(roles, nexusId(env, roles));
            AuditSettings auditSettings = AuditSettings.fromEnv(env);
            ListenAddress health = healthAddress(env);
            IdentitySource identity = ProgramStart.identity(env, roles, Role.KEEPER, System.getenv());
            ProgramStart.banner(env, "SPIKE Keeper (SPIKE for Java) listening on " + listen);
            AuditSink audit = AuditSink.open(auditSettings, "the keeper");
            ShardHolder holder = new ShardHolder();
            KeeperCounters counters = new KeeperCounters();
            KeeperServer server = start(identity, callers, MtlsServerOptions.listen(listen.host(), listen.port())
                    .withFirstRequestTimeout(headerTimeout).withMaxConnections(maxConnections), holder, audit, counters);
            if (health != null) {
                AutoCloseable listener = KeeperHealth.start(health, server, holder, counters, audit, version());
                Runtime.getRuntime().addShutdownHook(new Thread(() -> close(listener)));
            }
            LOG.info("keeper listening on port {}", server.port());
            StartupTrace.mark("keeper: listening");
        });
    }

    /**
     * SPIKE_KEEPER_HEALTH_ADDRESS, or null when unset: then no monitoring class is loaded (keeper.jar's class
     * path leaves those libraries out; dist/bin/keeper adds them when the variable is set).
     */
    static ListenAddress healthAddress(Env env) {
        if (env.value(KeeperHealth.VARIABLE).isEmpty()) {
            return null;
        }
        try {
            return KeeperHealth.address(env);
        } catch (NoClassDefFoundError e) {
            throw new StartupException(KeeperHealth.VARIABLE + " needs the monitoring libraries on the class path, "
                    + "which keeper.jar alone leaves out: start the keeper with dist/bin/keeper");
        }
    }

    private static void close(AutoCloseable listener) {
        try {
            listener.close();
        } catch (Exception e) {
            LOG.debug("closing the health listener: {}", e.toString());
        }
    }

    private static String version() {
        String version = KeeperMain.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    /** SPIKE_KEEPER_NEXUS_ID: the one Nexus ID this keeper serves, when set; it must be a Nexus ID of {@code roles}. */
    static Optional<SpiffeId> nexusId(Env env, Roles roles) {
        String name = "SPIKE_KEEPER_NEXUS_ID";
        Optional<String> raw = env.value(name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        SpiffeId id;
        try {
            id = SpiffeId.parse(raw.get().trim());
        } catch (InvalidSpiffeIdException | IllegalArgumentException e) {
            throw ConfigException.invalid(name, raw.get(), "is not a SPIFFE ID (expected spiffe://td/spike/nexus...)");
        }
        if (!roles.is(Role.NEXUS, id)) {
            throw ConfigException.invalid(name, raw.get(), "is not a Nexus ID here (" + roles.predicate(Role.NEXUS)
                    + "; see SPIKE_TRUST_ROOT_NEXUS)");
        }
        return Optional.of(id);
    }

    /** Starts a keeper that serves any Nexus and Bootstrap identity of {@code roles} (upstream's rule). */
    public static KeeperServer start(IdentitySource identity, Roles roles, MtlsServerOptions options,
            ShardHolder holder, AuditSink audit) {
        return start(identity, KeeperCallers.of(roles), options, holder, audit);
    }

    /** Starts a keeper; only {@code callers} get past the TLS handshake. */
    public static KeeperServer start(IdentitySource identity, KeeperCallers callers, MtlsServerOptions options,
            ShardHolder holder, AuditSink audit) {
        return start(identity, callers, options, holder, audit, new KeeperCounters());
    }

    /** Starts a keeper that counts its answers in {@code counters} (read by the health listener's metrics). */
    static KeeperServer start(IdentitySource identity, KeeperCallers callers, MtlsServerOptions options,
            ShardHolder holder, AuditSink audit, KeeperCounters counters) {
        KeeperServer server = KeeperServer.start(MtlsContexts.server(identity, callers.anyCaller()), options,
                new KeeperApi(holder, callers, audit, counters));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            holder.clear();
            audit.close();
            ServerLogging.stopAfterServer();
        }));
        return server;
    }
}
