package ist.spike.nexus.rootkey;

import java.io.IOException;
import java.util.List;

/** The keepers Nexus talks to; keeper i (1-based position in SPIKE_NEXUS_KEEPER_PEERS) holds share x = i. */
public interface KeeperPeers {
    /** Keeper ids, 1..n. */
    List<Integer> ids();

    /**
     * The shard keeper {@code id} holds, or null if it answered that it holds none.
     *
     * @throws IOException if the keeper could not be reached or answered something unexpected
     */
    byte[] fetchShard(int id) throws IOException;

    /** Hands keeper {@code id} its shard. */
    void contribute(int id, byte[] shard) throws IOException;

    /** Where keeper {@code id} is, for log lines. */
    String describe(int id);
}
