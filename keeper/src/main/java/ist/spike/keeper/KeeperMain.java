package ist.spike.keeper;

import ist.spike.common.audit.AuditSettings;
import ist.spike.common.audit.AuditSink;
import ist.spike.common.config.Env;
import ist.spike.common.config.ListenAddress;
import ist.spike.common.logging.ServerLogging;
import ist.spike.common.startup.ProgramStart;
import ist.spike.common.startup.StartupTrace;
import ist.spike.common.spiffe.IdentitySource;
import ist.spike.common.spiffe.Role;
import ist.spike.common.spiffe.Roles;
import ist.spike.common.tls.MtlsContexts;
import ist.spike.common.tls.MtlsServerOptions;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** SPIKE Keeper: holds one shard of the root key in memory and hands it back to Nexus. */
public final class KeeperMain {
    private static final Logger LOG = LoggerFactory.getLogger(KeeperMain.class);

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
            AuditSettings auditSettings = AuditSettings.fromEnv(env);
            IdentitySource identity = ProgramStart.identity(env, roles, Role.KEEPER, System.getenv());
            ProgramStart.banner(env, "SPIKE Keeper (SPIKE for Java) listening on " + listen);
            AuditSink audit = AuditSink.open(auditSettings, "the keeper");
            KeeperServer server = start(identity, roles, listen, headerTimeout, new ShardHolder(), audit);
            LOG.info("keeper listening on port {}", server.port());
            StartupTrace.mark("keeper: listening");
        });
    }

    /** Starts a keeper; only Nexus and Bootstrap identities get past the TLS handshake. */
    public static KeeperServer start(IdentitySource identity, Roles roles, ListenAddress listen, Duration headerTimeout,
            ShardHolder holder, AuditSink audit) {
        KeeperServer server = KeeperServer.start(MtlsContexts.server(identity, roles.anyOf(Role.NEXUS, Role.BOOTSTRAP)),
                MtlsServerOptions.listen(listen.host(), listen.port()).withFirstRequestTimeout(headerTimeout),
                new KeeperApi(holder, roles, audit));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            holder.clear();
            audit.close();
            ServerLogging.stopAfterServer();
        }));
        return server;
    }
}
