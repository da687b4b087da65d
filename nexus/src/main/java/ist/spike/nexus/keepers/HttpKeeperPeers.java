package ist.spike.nexus.keepers;

import ist.spike.common.config.ConfigException;
import ist.spike.common.spiffe.IdentitySource;
import ist.spike.common.spiffe.RolePredicate;
import ist.spike.common.tls.MtlsClient;
import ist.spike.common.tls.MtlsContexts;
import ist.spike.common.tls.MtlsResponse;
import ist.spike.common.wire.ErrorCode;
import ist.spike.common.wire.MalformedJsonException;
import ist.spike.common.wire.Shard;
import ist.spike.common.wire.WireJson;
import ist.spike.common.wire.keeper.ShardContributeRequest;
import ist.spike.common.wire.keeper.ShardGetRequest;
import ist.spike.common.wire.keeper.ShardGetResponse;
import ist.spike.nexus.config.KeeperPeer;
import ist.spike.nexus.rootkey.KeeperPeers;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import javax.net.ssl.SSLHandshakeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keepers over mTLS, spoken as upstream's keeper protocol (docs/api.md, "Keeper API"), so Go keepers work too. Each
 * keeper has its own client, whose trust manager accepts only what that keeper's {@link KeeperBinding} allows: a
 * keeper ID, and exactly the bound ID when SPIKE_NEXUS_KEEPER_PEERS names one.
 */
public final class HttpKeeperPeers implements KeeperPeers, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpKeeperPeers.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /** One keeper: where it is, who may answer there, and the client that enforces it. */
    private record Keeper(URI url, KeeperBinding binding, MtlsClient client) {}

    private final List<Keeper> keepers;

    private HttpKeeperPeers(List<Keeper> keepers) {
        this.keepers = List.copyOf(keepers);
    }

    /**
     * Clients for {@code peers}, presenting {@code identity}.
     *
     * @throws ConfigException when a bound ID is outside the keeper trust domains ({@code keeperRole})
     */
    public static HttpKeeperPeers open(List<KeeperPeer> peers, IdentitySource identity, RolePredicate keeperRole) {
        for (KeeperPeer peer : peers) {
            peer.boundId().filter(id -> !keeperRole.test(id)).ifPresent(id -> {
                throw ConfigException.invalid("SPIKE_NEXUS_KEEPER_PEERS", peer.toString(), "binds a keeper to an ID "
                        + "that is not a keeper ID here (" + keeperRole + "; see SPIKE_TRUST_ROOT_KEEPER)");
            });
        }
        List<Keeper> keepers = new ArrayList<>();
        List<Integer> unbound = new ArrayList<>();
        for (int i = 0; i < peers.size(); i++) {
            KeeperPeer peer = peers.get(i);
            if (peer.boundId().isEmpty()) {
                unbound.add(i + 1);
            }
            KeeperBinding binding = new KeeperBinding(i + 1, peer, keeperRole);
            MtlsClient client = MtlsClient.create(MtlsContexts.client(identity, binding, binding::refused),
                    CONNECT_TIMEOUT, REQUEST_TIMEOUT);
            keepers.add(new Keeper(peer.url(), binding, client));
        }
        if (!unbound.isEmpty()) {
            LOG.warn("keepers {} of SPIKE_NEXUS_KEEPER_PEERS are not bound to a SPIFFE ID: any keeper identity is "
                    + "accepted there, so one keeper SVID and a redirected connection get every shard; bind each "
                    + "entry as https://host:port=spiffe://<td>/spike/keeper/<n> (docs/configuration.md)", unbound);
        }
        return new HttpKeeperPeers(keepers);
    }

    @Override
    public List<Integer> ids() {
        return IntStream.rangeClosed(1, keepers.size()).boxed().toList();
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
        return keepers.get(id - 1).url().toString();
    }

    private MtlsResponse post(int id, String path, byte[] body) throws IOException {
        Keeper keeper = keepers.get(id - 1);
        try {
            return keeper.client().post(keeper.url().resolve(path), "application/json", body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (IOException e) {
            throw refusal(keeper, e);
        }
    }

    /** A handshake the binding refused reads as such (the TLS alert alone does not say whom we met). */
    private static IOException refusal(Keeper keeper, IOException e) {
        return keeper.binding().lastRefused().filter(presented -> isHandshakeFailure(e))
                .map(presented -> new IOException("refused in the TLS handshake: presented " + presented + " but "
                        + keeper.binding().expected(), e))
                .orElse(e);
    }

    private static boolean isHandshakeFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLHandshakeException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        keepers.forEach(keeper -> keeper.client().close());
    }
}
