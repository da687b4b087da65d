package ist.spike.client;

import io.spiffe.spiffeid.SpiffeId;
import ist.spike.common.config.Env;
import ist.spike.common.program.StartupTrace;
import ist.spike.common.spiffe.IdentitySource;
import ist.spike.common.spiffe.IdentitySources;
import ist.spike.common.spiffe.JulBridge;
import ist.spike.common.spiffe.Role;
import ist.spike.common.spiffe.Roles;
import ist.spike.common.tls.MtlsClient;
import ist.spike.common.tls.MtlsContexts;
import ist.spike.common.wire.Shard;
import ist.spike.common.wire.operator.RecoverRequest;
import ist.spike.common.wire.operator.RecoverResponse;
import ist.spike.common.wire.operator.RestoreRequest;
import ist.spike.common.wire.operator.RestoreResponse;
import ist.spike.common.wire.secret.SecretDeleteRequest;
import ist.spike.common.wire.secret.SecretDeleteResponse;
import ist.spike.common.wire.secret.SecretGetRequest;
import ist.spike.common.wire.secret.SecretGetResponse;
import ist.spike.common.wire.secret.SecretListRequest;
import ist.spike.common.wire.secret.SecretListResponse;
import ist.spike.common.wire.secret.SecretMetadataRequest;
import ist.spike.common.wire.secret.SecretMetadataResponse;
import ist.spike.common.wire.secret.SecretPutRequest;
import ist.spike.common.wire.secret.SecretPutResponse;
import ist.spike.common.wire.secret.SecretUndeleteRequest;
import ist.spike.common.wire.secret.SecretUndeleteResponse;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A SPIKE Nexus client for applications and the {@code spike} CLI. It takes its identity from the
 * SPIFFE Workload API or SVID files and only talks to a server with a Nexus SPIFFE ID.
 *
 * <pre>{@code
 * try (SpikeClient spike = SpikeClient.fromEnvironment()) {
 *     Map<String, String> creds = spike.getSecret("tenants/demo/db/creds");
 * }
 * }</pre>
 *
 * Failures are {@link SpikeException}s whose subclasses match the wire error codes.
 */
public final class SpikeClient implements AutoCloseable {
    static final String SECRETS = "/v1/store/secrets";
    static final String METADATA = "/v1/store/secrets/metadata";

    private final IdentitySource identity;
    private final NexusConnection nexus;

    private SpikeClient(IdentitySource identity, NexusConnection nexus) {
        this.identity = identity;
        this.nexus = nexus;
    }

    /** Identity from SPIKE_SVID_DIR or SPIFFE_ENDPOINT_SOCKET, Nexus from SPIKE_NEXUS_API_URL. */
    public static SpikeClient fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public static SpikeClient fromEnvironment(Map<String, String> env) {
        URI url = Env.of(env).httpsUrl("SPIKE_NEXUS_API_URL", "https://localhost:8553");
        Roles roles = Roles.fromEnv(env);
        JulBridge.install();
        StartupTrace.mark("client: logging ready");
        IdentitySource identity = IdentitySources.open(env);
        StartupTrace.mark("client: identity " + identity.spiffeId());
        SpikeClient client = connect(identity, url, roles);
        StartupTrace.mark("client: TLS context and HTTP client");
        return client;
    }

    /** A client over an identity the caller manages (closing the client closes the identity too). */
    public static SpikeClient connect(IdentitySource identity, URI nexusUrl, Roles roles) {
        MtlsClient http = MtlsClient.create(MtlsContexts.client(identity, roles.predicate(Role.NEXUS)));
        return new SpikeClient(identity, new NexusConnection(nexusUrl, http));
    }

    /**
     * Does ahead of time the part of a first request that needs no identity (JSON mapper, the JDK's
     * TLS crypto), so the first call is quicker. Optional: a caller with a moment to spare calls it,
     * as the CLI does while its SVID is being fetched.
     */
    public static void prepareFirstRequest() {
        FirstRequest.prepare();
    }

    /** This client's own SPIFFE ID. */
    public SpiffeId identity() {
        return identity.spiffeId();
    }

    /** Stores a new version of the secret at {@code path}. */
    public void putSecret(String path, Map<String, String> values) {
        nexus.post(SECRETS, "", new SecretPutRequest(path, values), SecretPutResponse.class);
    }

    /** The current version's values. */
    public Map<String, String> getSecret(String path) {
        return getSecret(path, 0);
    }

    /** A version's values (0 = current). */
    public Map<String, String> getSecret(String path, int version) {
        return nexus.post(SECRETS, "get", new SecretGetRequest(path, version), SecretGetResponse.class).data();
    }

    /** Soft-deletes versions (empty list or 0 = current). */
    public void deleteSecret(String path, List<Integer> versions) {
        nexus.post(SECRETS, "delete", new SecretDeleteRequest(path, versions), SecretDeleteResponse.class);
    }

    /** Brings soft-deleted versions back (empty list or 0 = current). */
    public void undeleteSecret(String path, List<Integer> versions) {
        nexus.post(SECRETS, "undelete", new SecretUndeleteRequest(path, versions), SecretUndeleteResponse.class);
    }

    /** Every secret path, sorted. */
    public List<String> listSecrets() {
        return nexus.post(SECRETS, "list", new SecretListRequest(), SecretListResponse.class).keys();
    }

    /** A secret's version history and bookkeeping (never values). */
    public SecretMetadataResponse secretMetadata(String path, int version) {
        return nexus.post(METADATA, "get", new SecretMetadataRequest(path, version), SecretMetadataResponse.class);
    }

    /** Break-glass export of every shard (Pilot recover role only). */
    public Map<Integer, Shard> recoverShards() {
        return nexus.post("/v1/operator/recover", "", new RecoverRequest(), RecoverResponse.class).shards();
    }

    /** Feeds one shard to a Nexus that lost its root key (Pilot restore role only). */
    public RestoreResponse restoreShard(int id, Shard shard) {
        return nexus.post("/v1/operator/restore", "", new RestoreRequest(id, shard), RestoreResponse.class);
    }

    @Override
    public void close() {
        nexus.close();
        identity.close();
    }
}
