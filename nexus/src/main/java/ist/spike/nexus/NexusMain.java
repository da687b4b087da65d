package ist.spike.nexus;

import ist.spike.common.config.Env;
import ist.spike.common.startup.CryptoWarmUp;
import ist.spike.common.crypto.FipsMode;
import ist.spike.common.logging.ServerLogging;
import ist.spike.common.startup.ProgramStart;
import ist.spike.common.startup.StartupTrace;
import ist.spike.common.spiffe.IdentitySource;
import ist.spike.common.spiffe.Role;
import ist.spike.common.spiffe.Roles;
import ist.spike.nexus.config.BackendKind;
import ist.spike.nexus.config.NexusSettings;
import org.slf4j.LoggerFactory;

/** SPIKE Nexus: the secrets store. Configured entirely by SPIKE_* environment variables. */
public final class NexusMain {
    private NexusMain() {}

    public static void main(String[] args) {
        StartupTrace.mark("main");
        if (args.length > 0) {
            System.out.println("usage: nexus   (configured by environment: SPIKE_NEXUS_TLS_PORT, SPIKE_NEXUS_BACKEND_STORE, "
                    + "SPIKE_NEXUS_DATA_DIR, SPIKE_NEXUS_KEEPER_PEERS, SPIFFE_ENDPOINT_SOCKET or SPIKE_SVID_DIR, ...; "
                    + "see docs/configuration.md)");
            System.exit("--help".equals(args[0]) || "-h".equals(args[0]) ? 0 : 1);
        }
        ProgramStart.run("nexus", () -> {
            Env env = Env.system();
            FipsMode.configure(env);
            NexusSettings settings = NexusSettings.fromEnv(env);
            if (settings.backend() != BackendKind.MEMORY) {
                // The module's power-up is the long pole of a restart: it starts first, before logging
                // is set up (no logger field in this class for that reason).
                CryptoWarmUp.start();
            }
            ProgramStart.checkLogLevel(env);
            FipsMode.logMode();
            ProgramStart.hardenMemory(env);
            Roles roles = Roles.fromEnv(System.getenv());
            IdentitySource identity = ProgramStart.identity(env, roles, Role.NEXUS, System.getenv());
            ProgramStart.banner(env, "SPIKE Nexus (SPIKE for Java) listening on " + settings.listen()
                    + ", backend " + settings.backend().name().toLowerCase());
            NexusServer server = NexusServer.start(settings, identity, roles);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                ServerLogging.stopAfterServer();
            }, "nexus-shutdown"));
            LoggerFactory.getLogger(NexusMain.class).info("Nexus listening on port {}", server.port());
            StartupTrace.mark("nexus: listening");
        });
    }
}
