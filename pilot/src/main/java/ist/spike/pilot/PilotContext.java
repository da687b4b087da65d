package ist.spike.pilot;

import ist.spike.client.SpikeClient;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/** What every command shares: the environment and a Nexus client opened on first use. */
public final class PilotContext implements AutoCloseable {
    private final Map<String, String> env;
    private final InputStream stdin;
    private final OutputStream stdout;
    private SpikeClient client;

    public PilotContext(Map<String, String> env) {
        this(env, System.in, System.out);
    }

    /** With explicit standard streams, for binary input and output (the cipher commands) and tests. */
    public PilotContext(Map<String, String> env, InputStream stdin, OutputStream stdout) {
        this.env = Map.copyOf(env);
        this.stdin = stdin;
        this.stdout = stdout;
    }

    /** Raw standard input (prompts, data to encrypt). */
    public InputStream stdin() {
        return stdin;
    }

    /** Raw standard output, for binary results; flush the command's PrintWriter before writing here. */
    public OutputStream stdout() {
        return stdout;
    }

    public Map<String, String> env() {
        return env;
    }

    /** The client, connected with this process's SPIFFE identity. */
    public SpikeClient client() {
        if (client == null) {
            client = SpikeClient.fromEnvironment(env);
        }
        return client;
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
