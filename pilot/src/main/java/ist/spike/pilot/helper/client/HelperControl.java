package ist.spike.pilot.helper.client;

import ist.spike.pilot.helper.HelperProtocol;
import ist.spike.pilot.helper.HelperSocket;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Starts, stops and describes the helper of this user and configuration ({@code spike helper ...}). */
public final class HelperControl {
    private static final Duration START_LIMIT = Duration.ofSeconds(30);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(10);

    private HelperControl() {}

    /** A helper that answered: its process, socket and own report. */
    public record Running(long pid, Path socket, HelperProtocol.Status status) {}

    /** Why no helper could be started. */
    public static final class StartFailedException extends Exception {
        StartFailedException(String message) {
            super(message);
        }
    }

    /** The helper for this configuration, if one answers on its socket as this user. */
    public static Optional<Running> find(Map<String, String> env) {
        Optional<Path> socket = HelperSocket.find(env);
        if (socket.isEmpty()) {
            return Optional.empty();
        }
        try (SocketChannel channel = HelperSocket.connect(socket.get())) {
            HelperProtocol.writeStatusRequest(new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel))));
            var status = HelperProtocol.readStatus(new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel))));
            return Optional.of(new Running(status.pid(), socket.get(), status));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty(); // no socket file, a stale one, or a helper on its way out
        }
    }

    /** Starts a helper unless one runs, and waits until it answers. */
    public static Running start(Map<String, String> env) throws StartFailedException {
        Optional<Running> running = find(env);
        if (running.isPresent()) {
            return running.get();
        }
        Path socket;
        Process process;
        try {
            socket = HelperSocket.create(env).orElseThrow(() -> new StartFailedException("no private directory for"
                    + " its socket: " + HelperSocket.directory(env) + " must be a directory of this user's with"
                    + " mode 0700, and the socket's path at most 107 bytes"));
            process = HelperLauncher.start(socket);
        } catch (IOException e) {
            throw new StartFailedException("could not start it: " + e.getMessage());
        }
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            running = find(env);
            if (running.isPresent()) {
                return running.get();
            }
            if (!process.isAlive()) {
                throw new StartFailedException("it exited at start (exit " + process.exitValue() + "); check that"
                        + " 'spike secret list' works with this configuration");
            }
            sleep(Duration.ofMillis(100));
        }
        process.destroy();
        throw new StartFailedException("it did not answer on " + socket + " within " + START_LIMIT.toSeconds() + "s");
    }

    /** Stops the helper (SIGTERM) and waits for it; empty when none ran. */
    public static Optional<Running> stop(Map<String, String> env) {
        Optional<Running> running = find(env);
        running.flatMap(helper -> ProcessHandle.of(helper.pid())).ifPresent(process -> {
            process.destroy();
            try {
                process.onExit().get(STOP_LIMIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        });
        return running;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
