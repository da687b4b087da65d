package ist.spike.pilot.helper.daemon;

import ist.spike.client.SpikeClient;
import ist.spike.common.mem.HardeningStep;
import ist.spike.common.mem.MemoryHardening;
import ist.spike.common.mem.MemoryHardeningResult;
import ist.spike.common.spiffe.IdentitySources;
import ist.spike.pilot.helper.HelperProtocol;
import ist.spike.pilot.helper.HelperSettings;
import ist.spike.pilot.helper.HelperSocket;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The helper process, started by {@code spike helper start}: commands of the same user and configuration
 * hand it their command lines, so they skip starting a JVM's TLS, fetching an SVID and a handshake with
 * Nexus. It keeps one Nexus client (the SVID followed as it rotates) and ends after
 * {@code SPIKE_PILOT_HELPER_IDLE_TIMEOUT} without a command, on {@code spike helper stop} (SIGTERM), or
 * when its identity source (SVID directory, Workload API socket) is gone. Its one argument, the socket,
 * is there for {@code ps}. Its output goes nowhere: {@code spike helper start|status} report for it.
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
                try {
                    return serve(env, settings, socket.get(), lockFile);
                } finally {
                    deleteQuietly(lockFile);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Nobody reads this process's output; spike helper start sees it exit and says so.
            return 1;
        }
    }

    private static int serve(Map<String, String> env, HelperSettings settings, Path socket, Path lockFile)
            throws IOException {
        // Like Nexus and the keepers: secrets pass through this process's memory for its whole life.
        MemoryHardeningResult hardening = MemoryHardening.apply(false);
        var status = new HelperProtocol.Status(ProcessHandle.current().pid(), describe(hardening.memoryLock(), "locked"),
                describe(hardening.coreDumpsDisabled(), "disabled"), settings.idleTimeout().toString());
        try (SpikeClient client = SpikeClient.fromEnvironment(env);
             HelperServer server = HelperServer.bind(socket, client, env, status)) {
            // Stopped (SIGTERM): no socket left behind for spike to try, no lock file. Deleted while still
            // locked: a helper starting at that moment gives up, and spike helper start says it did not start.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.removeSocketFile();
                deleteQuietly(lockFile);
            }, "spike-helper-stop"));
            // The crypto and JSON set-up of a first request, before anyone waits for it.
            SpikeClient.prepareFirstTls();
            SpikeClient.prepareFirstJson();
            server.serveUntilIdle(settings.idleTimeout(), IdentitySources.localSource(env));
        }
        return 0;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the private directory keeps it from anyone else; the next helper reuses it
        }
    }

    private static String describe(HardeningStep step, String applied) {
        return step.isApplied() ? applied : "no: " + step.detail();
    }
}
