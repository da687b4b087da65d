package ist.spike.client;

import io.spiffe.spiffeid.SpiffeId;
import ist.spike.common.config.Env;
import ist.spike.common.startup.StartupTrace;
import ist.spike.common.spiffe.IdentitySource;
import ist.spike.common.spiffe.IdentitySources;
import ist.spike.common.spiffe.JulBridge;
import ist.spike.common.spiffe.Role;
import ist.spike.common.spiffe.Roles;
import ist.spike.common.tls.MtlsClient;
import ist.spike.common.tls.MtlsContexts;
import ist.spike.common.wire.Shard;
import ist.spike.common.wire.cipher.CipherDecryptRequest;
import ist.spike.common.wire.cipher.CipherDecryptResponse;
import ist.spike.common.wire.cipher.CipherEncryptRequest;
import ist.spike.common.wire.cipher.CipherEncryptResponse;
import ist.spike.common.wire.operator.KeysRequest;
import ist.spike.common.wire.operator.KeysResponse;
import ist.spike.common.wire.operator.RecoverRequest;
import ist.spike.common.wire.operator.RecoverResponse;
import ist.spike.common.wire.operator.RekeyRequest;
import ist.spike.common.wire.operator.RekeyResponse;
import ist.spike.common.wire.operator.RestoreRequest;
import ist.spike.common.wire.operator.RestoreResponse;
import ist.spike.common.wire.operator.StatusRequest;
import ist.spike.common.wire.operator.StatusResponse;
import ist.spike.common.wire.policy.PolicyDeleteRequest;
import ist.spike.common.wire.policy.PolicyDeleteResponse;
import ist.spike.common.wire.policy.PolicyGetRequest;
import ist.spike.common.wire.policy.PolicyGetResponse;
import ist.spike.common.wire.policy.PolicyListItem;
import ist.spike.common.wire.policy.PolicyListRequest;
import ist.spike.common.wire.policy.PolicyListResponse;
import ist.spike.common.wire.policy.PolicyPutRequest;
import ist.spike.common.wire.policy.PolicyPutResponse;
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
import java.util.function.Function;

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
    static final String POLICY = "/v1/acl/policy";
    static final String ENCRYPT = "/v1/cipher/encrypt";
    static final String DECRYPT = "/v1/cipher/decrypt";

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
        return fromEnvironment(env, IdentitySources::open);
    }

    /**
     * Like {@link #fromEnvironment(Map)}, for a program that is done within minutes (a CLI run): the SVID
     * is fetched once and not followed as it rotates, which makes the client ready much sooner.
     */
    public static SpikeClient shortLived(Map<String, String> env) {
        return fromEnvironment(env, IdentitySources::openOnce);
    }

    private static SpikeClient fromEnvironment(Map<String, String> env,
                                               Function<Map<String, String>, IdentitySource> identities) {
        URI url = Env.of(env).httpsUrl("SPIKE_NEXUS_API_URL", "https://localhost:8553");
        if (ist.spike.common.crypto.FipsMode.configure(Env.of(env))) {
            JulBridge.install(); // BCJSSE logs through java.util.logging
        }
        Roles roles = Roles.fromEnv(env);
        IdentitySource identity = identities.apply(env);
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
     * Does ahead of time the TLS crypto of a first request, which needs no identity, so the first call
     * is quicker. Optional: a caller with a moment to spare calls it, as the CLI does on a thread of
     * its own while its SVID is being fetched.
     */
    public static void prepareFirstTls() {
        FirstRequest.prepareTls();
    }

    /** Like {@link #prepareFirstTls()}, for the JSON of requests and responses. */
    public static void prepareFirstJson() {
        FirstRequest.prepareJson();
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

    /**
     * Creates or replaces (by name) a policy: callers whose SPIFFE ID matches {@code spiffeIdPattern}
     * get {@code permissions} (read, write, list, execute, super) on paths matching {@code pathPattern}.
     * Both patterns are regular expressions matched anywhere in the string unless anchored with ^ and $.
     */
    public void putPolicy(String name, String spiffeIdPattern, String pathPattern, List<String> permissions) {
        nexus.post(POLICY, "", new PolicyPutRequest(name, spiffeIdPattern, pathPattern, permissions),
                PolicyPutResponse.class);
    }

    /** The policy called {@code name}; {@link SpikeException.NotFoundException} when there is none. */
    public PolicyGetResponse getPolicy(String name) {
        return nexus.post(POLICY, "get", new PolicyGetRequest(name), PolicyGetResponse.class);
    }

    /** Deletes the policy called {@code name}; {@link SpikeException.NotFoundException} when there is none. */
    public void deletePolicy(String name) {
        nexus.post(POLICY, "delete", new PolicyDeleteRequest(name), PolicyDeleteResponse.class);
    }

    /** Every policy, by name. */
    public List<PolicyListItem> listPolicies() {
        return listPolicies(PolicyListRequest.ALL);
    }

    /** Policies with exactly this SPIFFE ID pattern, else exactly this path pattern (empty = no filter). */
    public List<PolicyListItem> listPolicies(PolicyListRequest filter) {
        return nexus.post(POLICY, "list", filter, PolicyListResponse.class).policies();
    }

    /** Encrypts with Nexus's key (JSON mode): version, nonce and ciphertext, all needed to decrypt. */
    public CipherEncryptResponse encrypt(byte[] plaintext) {
        return nexus.post(ENCRYPT, "", CipherEncryptRequest.of(plaintext), CipherEncryptResponse.class);
    }

    /** Decrypts what {@link #encrypt} returned (JSON mode). */
    public byte[] decrypt(int version, byte[] nonce, byte[] ciphertext) {
        return nexus.post(DECRYPT, "", new CipherDecryptRequest(version, nonce, ciphertext, ""),
                CipherDecryptResponse.class).plaintext();
    }

    /** Encrypts in stream mode: the answer is the blob {@code 0x01 || nonce || ciphertext || tag}. */
    public byte[] encryptStream(byte[] plaintext) {
        return nexus.postBytes(ENCRYPT, plaintext);
    }

    /** Decrypts a stream-mode blob. */
    public byte[] decryptStream(byte[] blob) {
        return nexus.postBytes(DECRYPT, blob);
    }

    /** Break-glass export of every shard (Pilot recover role only). */
    public Map<Integer, Shard> recoverShards() {
        return nexus.post("/v1/operator/recover", "", new RecoverRequest(), RecoverResponse.class).shards();
    }

    /** Feeds one shard to a Nexus that lost its root key (Pilot restore role only). */
    public RestoreResponse restoreShard(int id, Shard shard) {
        return nexus.post("/v1/operator/restore", "", new RestoreRequest(id, shard), RestoreResponse.class);
    }

    /**
     * Streams a consistent snapshot of Nexus's database (ciphertext only) into {@code sink} (Pilot superuser
     * only; SQLite backend only).
     */
    public void backup(java.io.OutputStream sink) {
        nexus.download("/v1/operator/backup", new ist.spike.common.wire.operator.BackupRequest(), sink);
    }

    /**
     * The keyring (generations, no key material) and the progress of a data-key rotation (Pilot superuser
     * only; not on the lite or memory backends).
     */
    public KeysResponse keys() {
        return nexus.post("/v1/operator/keys", "", new KeysRequest(), KeysResponse.class);
    }

    /**
     * Starts a data-key rotation, which re-seals every record in the background; while one runs, just
     * reports it (Pilot superuser only). Follow it with {@link #keys()}.
     */
    public KeysResponse rotate() {
        return nexus.post("/v1/operator/rotate", "", new KeysRequest(), KeysResponse.class);
    }

    /**
     * Starts a root key rekey, or while one is under way pushes its shards again, and reports how many
     * keepers hold a shard of the new key (Pilot superuser only; not on the lite or memory backends). Once
     * it is complete, recovery shards exported before it no longer work.
     */
    public RekeyResponse rekey() {
        return nexus.post("/v1/operator/rekey", "", new RekeyRequest(), RekeyResponse.class);
    }

    /**
     * Nexus's health, its verdict and the facts behind it, also while it is sealed (Pilot superuser only).
     */
    public StatusResponse status() {
        return nexus.post("/v1/operator/status", "", new StatusRequest(),
                StatusResponse.class);
    }

    @Override
    public void close() {
        nexus.close();
        identity.close();
    }
}
