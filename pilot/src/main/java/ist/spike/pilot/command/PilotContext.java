package ist.spike.pilot.command;

import ist.spike.client.SpikeClient;
import ist.spike.common.startup.StartupTrace;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What every command shares: the environment and a Nexus client opened on first use.
 *
 * <p>Opening the client (Workload API fetch, TLS context) and preparing its first request are most of
 * a command's start-up, so {@link #prefetch()} can start them on background threads while picocli
 * parses the command line; on a 2-core machine that overlaps them. {@link #client()} then waits for it, and reports a failure
 * exactly as if the client had been opened there.
 */
public final class PilotContext implements AutoCloseable {
    private final Map<String, String> env;
    private final InputStream stdin;
    private final OutputStream stdout;
    private final boolean stdoutIsTerminal;
    private final boolean ownsClient;
    private CompletableFuture<SpikeClient> pending;
    private SpikeClient client;

    /** The process's own standard streams; {@code stdoutIsTerminal}: whether stdout is a terminal. */
    public PilotContext(Map<String, String> env, boolean stdoutIsTerminal) {
        this(env, System.in, System.out, stdoutIsTerminal, null);
    }

    /** With explicit standard streams, for binary input and output (the cipher commands) and tests. */
    public PilotContext(Map<String, String> env, InputStream stdin, OutputStream stdout) {
        this(env, stdin, stdout, false, null);
    }

    private PilotContext(Map<String, String> env, InputStream stdin, OutputStream stdout, boolean stdoutIsTerminal,
                         SpikeClient shared) {
        this.env = Map.copyOf(env);
        this.stdin = stdin;
        this.stdout = stdout;
        this.stdoutIsTerminal = stdoutIsTerminal;
        this.client = shared;
        this.ownsClient = shared == null;
    }

    /** A context on a client that outlives it (the helper's): closing the context leaves the client open. */
    public static PilotContext sharing(Map<String, String> env, SpikeClient client, InputStream stdin,
                                       OutputStream stdout, boolean stdoutIsTerminal) {
        return new PilotContext(env, stdin, stdout, stdoutIsTerminal, java.util.Objects.requireNonNull(client));
    }

    /** Raw standard input (prompts, data to encrypt). */
    public InputStream stdin() {
        return stdin;
    }

    /** Raw standard output, for binary results; flush the command's PrintWriter before writing here. */
    public OutputStream stdout() {
        return stdout;
    }

    /** Whether the user's standard output is a terminal (a value printed there gets a closing newline). */
    public boolean stdoutIsTerminal() {
        return stdoutIsTerminal;
    }

    public Map<String, String> env() {
        return env;
    }

    /** Starts opening the client in the background (a daemon thread, so it never delays the exit). */
    public synchronized void prefetch() {
        if (pending == null && client == null) {
            pending = new CompletableFuture<>();
            Thread opener = new Thread(() -> {
                try {
                    pending.complete(SpikeClient.shortLived(env));
                } catch (Throwable e) {
                    pending.completeExceptionally(e);
                }
            }, "spike-client-opener");
            opener.setDaemon(true);
            opener.start();
            // The first request's crypto (the JDK builds P-256 tables on first use, the long pole in a
            // fresh JVM) needs no identity: a third thread gets it ready meanwhile.
            Thread preparer = new Thread(() -> {
                SpikeClient.prepareFirstTls();
                StartupTrace.mark("client: first request's TLS crypto prepared");
            }, "spike-request-preparer");
            preparer.setDaemon(true);
            preparer.start();
        }
    }

    /** The client, connected with this process's SPIFFE identity. */
    public synchronized SpikeClient client() {
        if (client == null) {
            if (pending != null && !pending.isDone()) {
                SpikeClient.prepareFirstJson(); // while the client is being opened anyway
            }
            client = pending == null ? SpikeClient.shortLived(env) : await(pending);
            pending = null;
        }
        return client;
    }

    private static SpikeClient await(CompletableFuture<SpikeClient> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        if (!ownsClient) {
            return;
        }
        if (client != null) {
            client.close();
        } else if (pending != null) {
            // A prefetched client no command asked for (a usage error, say): close it if it is ready,
            // and do not wait for one still being opened.
            pending.thenAccept(SpikeClient::close);
        }
    }
}
