package ist.spike.e2e;

import ist.spike.common.spiffe.IdentitySource;
import ist.spike.common.spiffe.IdentitySources;
import ist.spike.common.spiffe.Role;
import ist.spike.common.spiffe.Roles;
import ist.spike.common.tls.MtlsClient;
import ist.spike.common.tls.MtlsContexts;
import ist.spike.common.tls.MtlsResponse;
import ist.spike.common.wire.WireJson;
import ist.spike.common.wire.Shard;
import ist.spike.common.wire.keeper.ShardContributeRequest;
import ist.spike.common.wire.keeper.ShardGetResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Asks a keeper for its shard the way Nexus does (with the Nexus identity), to see what it holds. */
final class KeeperProbe implements AutoCloseable {
    private final IdentitySource identity;
    private final MtlsClient client;

    KeeperProbe(LocalStack stack) {
        identity = IdentitySources.open(Map.of("SPIFFE_ENDPOINT_SOCKET", stack.socket("nexus")));
        client = MtlsClient.create(MtlsContexts.client(identity, Roles.defaults().predicate(Role.KEEPER)));
    }

    /** The keeper's shard, or null if it holds none or cannot be reached. */
    byte[] shard(int port) {
        return ask(port).shard();
    }

    /** What a keeper answered: whether it answered at all, and its shard if it has one. */
    record Answer(boolean reachable, byte[] shard) {}

    Answer ask(int port) {
        try {
            MtlsResponse r = client.post(URI.create("https://localhost:" + port + "/v1/store/shard"),
                    "application/json", "{}".getBytes(StandardCharsets.UTF_8));
            if (r.status() != 200) {
                return new Answer(true, null);
            }
            return new Answer(true, WireJson.read(r.body(), ShardGetResponse.class).shard().copyBytes());
        } catch (Exception e) {
            return new Answer(false, null);
        }
    }

    /** Hands a keeper a shard as Nexus would (the probe presents Nexus's identity). */
    void contribute(int port, byte[] shard) throws Exception {
        Shard wire = Shard.copyOf(shard);
        MtlsResponse r = client.post(URI.create("https://localhost:" + port + "/v1/store/contribute"),
                "application/json", WireJson.write(new ShardContributeRequest(wire)));
        wire.destroy();
        if (r.status() != 200) {
            throw new IllegalStateException("keeper answered HTTP " + r.status());
        }
    }

    @Override
    public void close() {
        client.close();
        identity.close();
    }
}
