package ist.spike.nexus.keepers;

import ist.spike.common.tls.MtlsClient;
import ist.spike.common.tls.MtlsResponse;
import ist.spike.common.wire.ErrorCode;
import ist.spike.common.wire.MalformedJsonException;
import ist.spike.common.wire.Shard;
import ist.spike.common.wire.WireJson;
import ist.spike.common.wire.keeper.ShardContributeRequest;
import ist.spike.common.wire.keeper.ShardGetRequest;
import ist.spike.common.wire.keeper.ShardGetResponse;
import ist.spike.nexus.rootkey.KeeperPeers;
import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Keepers over mTLS, spoken as upstream's keeper protocol (docs/api.md, "Keeper API"), so Go keepers work too. The
 * client's trust manager only accepts servers with a keeper SPIFFE ID.
 */
public final class HttpKeeperPeers implements KeeperPeers {
    private final List<URI> peers;
    private final MtlsClient client;

    /** @param client an mTLS client that accepts only keeper identities */
    public HttpKeeperPeers(List<URI> peers, MtlsClient client) {
        this.peers = List.copyOf(peers);
        this.client = client;
    }

    @Override
    public List<Integer> ids() {
        return IntStream.rangeClosed(1, peers.size()).boxed().toList();
    }

    @Override
    public byte[] fetchShard(int id) throws IOException {
        MtlsResponse response = post(id, "/v1/store/shard", WireJson.write(new ShardGetRequest()));
        ShardGetResponse body;
        try {
            body = WireJson.read(response.body(), ShardGetResponse.class);
        } catch (MalformedJsonException e) {
            throw new IOException("keeper answered HTTP " + response.status() + " with an unreadable body");
        } finally {
            Arrays.fill(response.body(), (byte) 0); // it carries the shard
        }
        // Upstream keepers answer 400 api_bad_request while they hold nothing.
        if (response.status() == 400 && ErrorCode.API_BAD_REQUEST.wireCode().equals(body.err())) {
            return null;
        }
        if (response.status() != 200) {
            throw new IOException("keeper answered HTTP " + response.status() + " " + body.err());
        }
        Shard shard = body.shard();
        if (shard == null || shard.isAllZero()) {
            return null;
        }
        try {
            return shard.copyBytes();
        } finally {
            shard.destroy();
        }
    }

    @Override
    public void contribute(int id, byte[] shard) throws IOException {
        Shard wire = Shard.copyOf(shard);
        byte[] body = WireJson.write(new ShardContributeRequest(wire));
        wire.destroy();
        try {
            MtlsResponse response = post(id, "/v1/store/contribute", body);
            if (response.status() != 200) {
                throw new IOException("keeper answered HTTP " + response.status());
            }
        } finally {
            Arrays.fill(body, (byte) 0);
        }
    }

    @Override
    public String describe(int id) {
        return peers.get(id - 1).toString();
    }

    private MtlsResponse post(int id, String path, byte[] body) throws IOException {
        URI url = peers.get(id - 1).resolve(path);
        try {
            return client.post(url, "application/json", body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }
}
