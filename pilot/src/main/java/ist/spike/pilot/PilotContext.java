package ist.spike.pilot;

import ist.spike.client.SpikeClient;
import java.util.Map;

/** What every command shares: the environment and a Nexus client opened on first use. */
public final class PilotContext implements AutoCloseable {
    private final Map<String, String> env;
    private SpikeClient client;

    public PilotContext(Map<String, String> env) {
        this.env = Map.copyOf(env);
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
