package ist.spike.pilot.helper;

import ist.spike.client.SpikeClient;
import ist.spike.common.mem.MemoryHardening;
import ist.spike.common.spiffe.IdentitySources;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The helper process: {@code spike} starts it in the background after a command that worked, and later
 * commands with the same configuration hand it their command lines (see {@link HelperClient}), so they
 * skip starting a JVM's TLS, fetching an SVID and a handshake with Nexus. It keeps one Nexus client
 * (the SVID followed as it rotates) and ends after {@code SPIKE_PILOT_HELPER_IDLE_TIMEOUT} without a
 * command, or when its identity source (SVID directory, Workload API socket) is gone.
 * Not a command for operators; its one argument, the socket, is there for {@code ps}.
 */
public final class HelperMain {
    private HelperMain() {}

    public static void main(String[] args) {
        System.exit(run(System.getenv()));
    }

    static int run(Map<String, String> env) {
        try {
            HelperSettings settings = HelperSettings.from(env);
            Optional<Path> socket = settings.enabled() ? HelperSocket.create(env) : Optional.empty();
            if (socket.isEmpty()) {
                return 1;
            }
            Path lockFile = socket.get().resolveSibling(socket.get().getFileName() + ".lock");
            try (FileChannel lockChannel = FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                 FileLock lock = lockChannel.tryLock()) {
                if (lock == null) {
                    return 0; // another helper for this configuration runs, or is starting
                }
                // Like Nexus and the keepers: secrets pass through this process's memory for its whole life.
                MemoryHardening.apply(false);
                try (SpikeClient client = SpikeClient.fromEnvironment(env);
                     HelperServer server = HelperServer.bind(socket.get(), client, env)) {
                    // Stopped (SIGTERM, pkill): no socket left behind for spike to try.
                    Runtime.getRuntime().addShutdownHook(new Thread(server::removeSocketFile, "spike-helper-stop"));
                    // The crypto and JSON set-up of a first request, before anyone waits for it.
                    SpikeClient.prepareFirstTls();
                    SpikeClient.prepareFirstJson();
                    server.serveUntilIdle(settings.idleTimeout(), IdentitySources.localSource(env));
                }
            }
            return 0;
        } catch (IOException | RuntimeException e) {
            // Nobody reads this process's output; spike just runs commands itself while no helper answers.
            return 1;
        }
    }
}
