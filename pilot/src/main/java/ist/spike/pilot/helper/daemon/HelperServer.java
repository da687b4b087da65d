package ist.spike.pilot.helper.daemon;

import ist.spike.client.SpikeClient;
import ist.spike.pilot.cli.CommandLineRunner;
import ist.spike.pilot.cli.CommandTable;
import ist.spike.pilot.command.PilotContext;
import ist.spike.pilot.helper.HelperProtocol;
import ist.spike.pilot.helper.HelperSettings;
import ist.spike.pilot.helper.HelperSocket;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.net.ExtendedSocketOptions;

/** The helper's socket: accepts this user's command lines and runs each on a virtual thread. */
final class HelperServer implements AutoCloseable {
    // After the socket file is gone no new command can arrive; this lets ones already queued be served.
    private static final Duration DRAIN = Duration.ofMillis(300);
    private static final Duration LAST_COMMANDS = Duration.ofMinutes(1);
    /** How long a caller has to send its whole request. */
    static final Duration READ_DEADLINE = Duration.ofSeconds(5);

    private final ServerSocketChannel server;
    private final Path socket;
    private final Object socketKey;
    private final UserPrincipal owner;
    private final SpikeClient client;
    private final Map<String, String> env;
    private final Map<String, String> relevantEnv;
    private final AtomicInteger running = new AtomicInteger();
    private final HelperProtocol.Status status;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("spike-helper-deadlines").factory());
    private volatile long lastUsed = System.nanoTime();

    private HelperServer(ServerSocketChannel server, Path socket, Object socketKey, SpikeClient client,
                         Map<String, String> env, HelperProtocol.Status status) throws IOException {
        this.server = server;
        this.socket = socket;
        this.socketKey = socketKey;
        this.owner = HelperSocket.processOwner();
        this.client = client;
        this.env = Map.copyOf(env);
        this.relevantEnv = HelperSettings.relevant(env);
        this.status = status;
    }

    /** Listens on {@code socket}, replacing a file a dead helper left (the caller holds the lock). */
    static HelperServer bind(Path socket, SpikeClient client, Map<String, String> env, HelperProtocol.Status status)
            throws IOException {
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            return new HelperServer(server, socket, fileKey(socket), client, env, status);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * Serves until {@code idle} passes without a command, the socket file is removed or replaced, or the
     * identity source disappears (a local stack that was stopped).
     */
    void serveUntilIdle(Duration idle, Optional<Path> identitySource) throws IOException {
        Thread.ofPlatform().daemon().name("spike-helper-accept").start(this::acceptAll);
        long tick = Math.clamp(idle.toMillis() / 4, 50, 1000);
        try {
            while (stillListening() && identitySource.map(Files::exists).orElse(true)
                    && (running.get() > 0 || System.nanoTime() - lastUsed < idle.toNanos())) {
                Thread.sleep(tick);
            }
            removeSocketFile();
            Thread.sleep(DRAIN.toMillis());
            server.close();
            long deadline = System.nanoTime() + LAST_COMMANDS.toNanos();
            while (running.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptAll() {
        while (server.isOpen()) {
            try {
                SocketChannel channel = server.accept();
                running.incrementAndGet();
                lastUsed = System.nanoTime();
                Thread.ofVirtual().name("spike-helper-command").start(() -> serve(channel));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(SocketChannel channel) {
        try (channel) {
            if (!owner.equals(channel.getOption(ExtendedSocketOptions.SO_PEERCRED).user())) {
                return; // the directory is private, so this is not expected; such a caller gets nothing
            }
            var in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel)));
            var out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel)));
            // A caller that connects and sends nothing (or trickles) is cut off, and cannot keep the helper alive.
            ScheduledFuture<?> deadline = deadlines.schedule(() -> closeQuietly(channel), READ_DEADLINE.toMillis(),
                    TimeUnit.MILLISECONDS);
            HelperProtocol.Request request;
            try {
                if (HelperProtocol.readKind(in) == HelperProtocol.STATUS) {
                    HelperProtocol.writeStatus(out, status);
                    return;
                }
                request = HelperProtocol.readRequest(in);
            } finally {
                deadline.cancel(false);
            }
            if (!CommandTable.helperServes(request.args()) || !relevantEnv.equals(request.env())) {
                HelperProtocol.writeRefusal(out);
                return;
            }
            HelperProtocol.writeAnswer(out, execute(request));
        } catch (IOException | RuntimeException e) {
            // The caller went away, sent garbage or too little in time; it reports its own error.
        } finally {
            lastUsed = System.nanoTime();
            running.decrementAndGet();
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closed already
        }
    }

    /** Runs the command as {@code spike} would, with this process's Nexus client and no standard input. */
    private HelperProtocol.Answer execute(HelperProtocol.Request request) {
        var stdout = new ByteArrayOutputStream();
        var stderr = new ByteArrayOutputStream();
        var out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
        var err = new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
        int code;
        try {
            PilotContext context = PilotContext.sharing(env, client, InputStream.nullInputStream(), stdout,
                    request.stdoutIsTerminal());
            code = CommandLineRunner.run(context, out, err, request.args().toArray(String[]::new));
        } catch (RuntimeException e) {
            // What an uncaught exception does to spike: a line on stderr and exit 1 (no stack trace to the caller).
            err.println("Error: " + e.getClass().getName());
            code = 1;
        }
        out.flush();
        err.flush();
        return new HelperProtocol.Answer(code, stdout.toByteArray(), stderr.toByteArray());
    }

    private boolean stillListening() {
        try {
            return Objects.equals(fileKey(socket), socketKey);
        } catch (IOException e) {
            return false;
        }
    }

    void removeSocketFile() {
        if (stillListening()) {
            try {
                Files.deleteIfExists(socket);
            } catch (IOException e) {
                // it goes when the directory is cleaned; clients then find nobody listening and run commands themselves
            }
        }
    }

    private static Object fileKey(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    }

    @Override
    public void close() throws IOException {
        removeSocketFile();
        server.close();
        deadlines.shutdownNow();
    }
}
