package ist.spike.common.startup;

import io.spiffe.spiffeid.SpiffeId;
import ist.spike.common.config.ConfigException;
import ist.spike.common.config.Env;
import ist.spike.common.mem.MemoryHardening;
import ist.spike.common.spiffe.IdentitySource;
import ist.spike.common.spiffe.IdentitySources;
import ist.spike.common.spiffe.IdentityUnavailableException;
import ist.spike.common.spiffe.JulBridge;
import ist.spike.common.spiffe.Role;
import ist.spike.common.spiffe.Roles;
import ist.spike.common.spiffe.SocketPathCheck;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every SPIKE server program does first: harden memory, get its identity, check its role. */
public final class ProgramStart {
    static final String SOCKET_CHECK = "SPIKE_SPIFFE_SOCKET_CHECK";
    static final String SOCKET_OWNER = "SPIKE_SPIFFE_SOCKET_OWNER";
    // No logger field: Nexus starts the Bouncy Castle power-up before logging is set up (see NexusMain).

    private ProgramStart() {}

    /** A program body that may fail to start. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    /** Runs {@code body}; a configuration or identity problem ends the process with one line and exit 1. */
    public static void run(String program, Body body) {
        try {
            body.run();
        } catch (ConfigException | StartupException | IdentityUnavailableException e) {
            System.err.println(program + ": " + e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            System.err.println(program + ": cannot start: " + e);
            log().error("{} failed to start", program, e);
            System.exit(1);
        }
    }

    /** SPIKE_SYSTEM_LOG_LEVEL values; logback reads the variable itself, this rejects a typo at start. */
    public enum LogLevel { DEBUG, INFO, WARN, ERROR }

    /** Fails start-up on an invalid SPIKE_SYSTEM_LOG_LEVEL instead of logging at an unexpected level. */
    public static void checkLogLevel(Env env) {
        env.oneOf("SPIKE_SYSTEM_LOG_LEVEL", LogLevel.WARN, "a log level");
    }

    /** Chooses FIPS approved-only mode from SPIKE_FIPS_MODE (before any Bouncy Castle use) and logs the mode. */
    public static void chooseFipsMode(Env env) {
        ist.spike.common.crypto.FipsMode.configure(env);
        ist.spike.common.crypto.FipsMode.logMode();
    }

    /** mlockall and no core dumps; failure is a warning (shown when SPIKE_PILOT_SHOW_MEMORY_WARNING=true). */
    public static void hardenMemory(Env env) {
        MemoryHardening.apply(env.bool("SPIKE_PILOT_SHOW_MEMORY_WARNING", false));
        StartupTrace.mark("memory hardened");
    }

    /** Opens this program's SPIFFE identity and refuses to run under the wrong role (as upstream does). */
    public static IdentitySource identity(Env env, Roles roles, Role expected, Map<String, String> raw) {
        JulBridge.install();
        StartupTrace.mark("logging ready");
        IdentitySource identity = IdentitySources.open(raw);
        try {
            checkSocket(env, raw);
        } catch (StartupException e) {
            identity.close();
            throw e;
        }
        StartupTrace.mark("identity " + identity.spiffeId());
        SpiffeId own = identity.spiffeId();
        if (!roles.is(expected, own)) {
            identity.close();
            throw new StartupException("this program's SPIFFE ID " + own + " is not a " + expected.name().toLowerCase()
                    + " identity (expected spiffe://<trust domain>" + expected.path() + " for the trust domains in "
                    + expected.trustRootVariable() + ")");
        }
        log().info("identity: {}", own);
        return identity;
    }

    /**
     * Refuses a Workload API socket whose path someone untrusted could have replaced
     * ({@link SocketPathCheck}), unless SPIKE_SPIFFE_SOCKET_CHECK=false. Checked once the socket exists,
     * that is after the first SVID: an agent answering before the check learns nothing from us.
     */
    static void checkSocket(Env env, Map<String, String> raw) {
        boolean check = env.bool(SOCKET_CHECK, true);
        Optional<Path> socket = IdentitySources.workloadApiSocket(raw);
        if (socket.isEmpty()) {
            return;
        }
        if (!check) {
            log().warn("{}=false: the Workload API socket {} is used whoever could have replaced it", SOCKET_CHECK,
                    socket.get());
            return;
        }
        Optional<String> problem;
        try {
            problem = SocketPathCheck.trusting(env.value(SOCKET_OWNER)).problemWith(socket.get());
        } catch (IOException e) {
            throw new StartupException("cannot check the Workload API socket " + socket.get() + ": " + e.getMessage());
        }
        if (problem.isPresent()) {
            throw new StartupException("refusing the Workload API socket " + socket.get() + ": " + problem.get()
                    + ", so another user could serve this program a false identity (fix the ownership and modes, "
                    + "name the agent's user in " + SOCKET_OWNER + ", or set " + SOCKET_CHECK + "=false)");
        }
    }

    /** Upstream's start banner, unless SPIKE_BANNER_ENABLED=false. */
    public static void banner(Env env, String line) {
        if (env.bool("SPIKE_BANNER_ENABLED", true)) {
            System.err.println(line); // stdout may carry the audit trail, and nothing else
        }
    }

    private static Logger log() {
        return LoggerFactory.getLogger(ProgramStart.class);
    }
}
