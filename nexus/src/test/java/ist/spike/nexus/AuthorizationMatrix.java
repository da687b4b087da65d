package ist.spike.nexus;

import ist.spike.common.crypto.AesGcm;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The authorization matrix: for every route, the status each kind of caller gets. It is one table:
 * a row names the callers a route lets through and what they get; every other caller gets 401, and a
 * caller without a certificate the bundle vouches for never gets past the TLS handshake. The
 * architecture test fails when a route has no row here, so a route cannot be added without deciding
 * who may call it.
 */
final class AuthorizationMatrix {
    /** Not an HTTP status: the TLS handshake was refused, no request was read. */
    static final int TLS_REFUSED = 0;

    /** The answer of the decrypt row's setup encryption. */
    private static volatile String lastEncryption = "{}";

    static final String GRANTED_PATTERN = "^spiffe://spike\\\\.ist/workload/app$";

    enum Caller {
        SUPERUSER("spiffe://spike.ist/spike/pilot/role/superuser"),
        SUPERUSER_CHILD("spiffe://spike.ist/spike/pilot/role/superuser/alice"),
        RECOVER("spiffe://spike.ist/spike/pilot/role/recover"),
        RESTORE("spiffe://spike.ist/spike/pilot/role/restore"),
        BOOTSTRAP("spiffe://spike.ist/spike/bootstrap"),
        KEEPER("spiffe://spike.ist/spike/keeper"),
        NEXUS("spiffe://spike.ist/spike/nexus"),
        LITE_WORKLOAD("spiffe://spike.ist/spike/workload/role/lite"),
        /** Has policies for its paths and for every reserved system path. */
        GRANTED_WORKLOAD("spiffe://spike.ist/workload/app"),
        /** Has a policy, for other paths. */
        OTHER_PATH_WORKLOAD("spiffe://spike.ist/workload/other"),
        /** Shares a prefix with GRANTED_WORKLOAD; the policies are anchored. */
        PREFIX_WORKLOAD("spiffe://spike.ist/workload/app-evil"),
        /** Shares a prefix with the superuser role without being under it. */
        SUPERUSER_LOOKALIKE("spiffe://spike.ist/spike/pilot/role/superuserx"),
        /** The superuser path in a trust domain Nexus has no bundle for. */
        FOREIGN_TRUST_DOMAIN("spiffe://other.td/spike/pilot/role/superuser"),
        NO_CLIENT_CERTIFICATE(null);

        final String id;

        Caller(String id) {
            this.id = id;
        }

        boolean isVouchedFor() {
            return this != FOREIGN_TRUST_DOMAIN && this != NO_CLIENT_CERTIFICATE;
        }
    }

    /** Makes a row's request body; the root key lets rows build valid ciphertexts. */
    interface Body {
        String make(AesGcm rootKey);
    }

    /** Brings the store into the state the row's request expects (as the superuser). */
    interface Setup {
        void run(NexusFixture nexus) throws Exception;
    }

    record Row(String path, String action, Body body, Setup setup, Map<Caller, Integer> allowed) {
        int expected(Caller caller) {
            if (!caller.isVouchedFor()) {
                return TLS_REFUSED;
            }
            return allowed.getOrDefault(caller, 401);
        }

        String route() {
            return path + (action.isEmpty() ? "" : "?action=" + action);
        }
    }

    private AuthorizationMatrix() {}

    static final String SECRET = "apps/app/config";
    static final String DELETABLE = "apps/app/deletable";
    static final String UNDELETABLE = "apps/app/undeletable";

    static final List<Row> ROWS = List.of(
            row("/v1/store/secrets", "", k -> "{\"path\":\"" + SECRET + "\",\"values\":{\"k\":\"v\"}}", null,
                    ok(Caller.SUPERUSER, Caller.SUPERUSER_CHILD, Caller.GRANTED_WORKLOAD)),
            row("/v1/store/secrets", "get", k -> "{\"path\":\"" + SECRET + "\"}", null,
                    ok(Caller.SUPERUSER, Caller.SUPERUSER_CHILD, Caller.GRANTED_WORKLOAD)),
            row("/v1/store/secrets", "delete", k -> "{\"path\":\"" + DELETABLE + "\"}",
                    n -> n.superuser("/v1/store/secrets", "", "{\"path\":\"" + DELETABLE + "\",\"values\":{\"k\":\"v\"}}"),
                    ok(Caller.SUPERUSER, Caller.SUPERUSER_CHILD, Caller.GRANTED_WORKLOAD)),
            // Every version deleted: undelete of "current" brings back the highest one.
            row("/v1/store/secrets", "undelete", k -> "{\"path\":\"" + UNDELETABLE + "\"}",
                    n -> {
                        n.superuser("/v1/store/secrets", "", "{\"path\":\"" + UNDELETABLE + "\",\"values\":{\"k\":\"v\"}}");
                        n.superuser("/v1/store/secrets", "delete", "{\"path\":\"" + UNDELETABLE + "\",\"versions\":"
                                + java.util.stream.IntStream.rangeClosed(1, 100).boxed().toList() + "}");
                    },
                    ok(Caller.SUPERUSER, Caller.SUPERUSER_CHILD, Caller.GRANTED_WORKLOAD)),
            row("/v1/store/secrets", "list", k -> "{}", null,
                    ok(Caller.SUPERUSER, Caller.SUPERUSER_CHILD, Caller.GRANTED_WORKLOAD)),
            row("/v1/store/secrets/metadata", "get", k -> "{\"path\":\"" + SECRET + "\"}", null,
                    ok(Caller.SUPERUSER, Caller.SUPERUSER_CHILD, Caller.GRANTED_WORKLOAD)),
            row("/v1/acl/policy", "", k -> scratchPolicy("matrix-scratch"), null,
                    ok(Caller.SUPERUSER, Caller.SUPERUSER_CHILD, Caller.GRANTED_WORKLOAD)),
            row("/v1/acl/policy", "get", k -> "{\"id\":\"granted-secrets\"}", null,
                    ok(Caller.SUPERUSER, Caller.SUPERUSER_CHILD, Caller.GRANTED_WORKLOAD)),
            row("/v1/acl/policy", "delete", k -> "{\"id\":\"matrix-doomed\"}",
                    n -> n.superuser("/v1/acl/policy", "", scratchPolicy("matrix-doomed")),
                    ok(Caller.SUPERUSER, Caller.SUPERUSER_CHILD, Caller.GRANTED_WORKLOAD)),
            row("/v1/acl/policy", "list", k -> "{}", null,
                    ok(Caller.SUPERUSER, Caller.SUPERUSER_CHILD, Caller.GRANTED_WORKLOAD)),
            row("/v1/cipher/encrypt", "", k -> "{\"plaintext\":\"AQID\"}", null,
                    ok(Caller.SUPERUSER, Caller.SUPERUSER_CHILD, Caller.LITE_WORKLOAD, Caller.GRANTED_WORKLOAD)),
            // The body is what an encrypt answered: the cipher key is the keyring's, not the root key.
            row("/v1/cipher/decrypt", "", k -> lastEncryption,
                    n -> lastEncryption = n.superuser("/v1/cipher/encrypt", "", "{\"plaintext\":\"AQID\"}").bodyText(),
                    ok(Caller.SUPERUSER, Caller.SUPERUSER_CHILD, Caller.LITE_WORKLOAD, Caller.GRANTED_WORKLOAD)),
            row("/v1/operator/recover", "", k -> "{}", null, ok(Caller.RECOVER)),
            // The root key is present, so a restore is refused with 400 once past the guard.
            row("/v1/operator/restore", "", k -> "{\"id\":1,\"shard\":[" + "7,".repeat(31) + "7]}", null,
                    Map.of(Caller.RESTORE, 400)),
            row("/v1/bootstrap/verify", "", AuthorizationMatrix::verifyBody, null, ok(Caller.BOOTSTRAP)),
            // Our addition: the database snapshot, for the Pilot superuser role only.
            row("/v1/operator/backup", "", k -> "{}", null, ok(Caller.SUPERUSER, Caller.SUPERUSER_CHILD)),
            // Our additions: the keyring's state and a data-key rotation, for the superuser role only.
            row("/v1/operator/keys", "", k -> "{}", null, ok(Caller.SUPERUSER, Caller.SUPERUSER_CHILD)),
            row("/v1/operator/rotate", "", k -> "{}", null, ok(Caller.SUPERUSER, Caller.SUPERUSER_CHILD)),
            // Our addition: Nexus's health for `spike status`, superuser only.
            row("/v1/operator/status", "", k -> "{}", null, ok(Caller.SUPERUSER, Caller.SUPERUSER_CHILD)),
            // Last: it replaces the root key (no keeper listens here, so the rekey stays incomplete).
            row("/v1/operator/rekey", "", k -> "{}", null, ok(Caller.SUPERUSER, Caller.SUPERUSER_CHILD)));

    /** The policies that make GRANTED_WORKLOAD and OTHER_PATH_WORKLOAD what their names say. */
    static final List<String> POLICIES = List.of(
            "{\"name\":\"granted-secrets\",\"spiffeidPattern\":\"" + GRANTED_PATTERN
                    + "\",\"pathPattern\":\"^apps/app/\",\"permissions\":[\"read\",\"write\"]}",
            "{\"name\":\"granted-system\",\"spiffeidPattern\":\"" + GRANTED_PATTERN
                    + "\",\"pathPattern\":\"^spike/system/(acl|secret|cipher/exec)$\","
                    + "\"permissions\":[\"read\",\"write\",\"list\",\"execute\"]}",
            "{\"name\":\"other-path\",\"spiffeidPattern\":\"^spiffe://spike\\\\.ist/workload/other$\","
                    + "\"pathPattern\":\"^apps/other/\",\"permissions\":[\"super\"]}");

    private static Row row(String path, String action, Body body, Setup setup, Map<Caller, Integer> allowed) {
        return new Row(path, action, body, setup == null ? n -> { } : setup, allowed);
    }

    private static Map<Caller, Integer> ok(Caller... callers) {
        Map<Caller, Integer> out = new EnumMap<>(Caller.class);
        for (Caller caller : callers) {
            out.put(caller, 200);
        }
        return out;
    }

    private static String scratchPolicy(String name) {
        return "{\"name\":\"" + name + "\",\"spiffeidPattern\":\"^spiffe://spike\\\\.ist/nobody$\","
                + "\"pathPattern\":\"^scratch/\",\"permissions\":[\"read\"]}";
    }

    /** What upstream Bootstrap sends: random text encrypted under the root key, no associated data. */
    private static String verifyBody(AesGcm rootKey) {
        byte[] text = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        AesGcm.Detached sealed = rootKey.sealDetached(text, AesGcm.NO_ASSOCIATED_DATA);
        Arrays.fill(text, (byte) 0);
        return "{\"nonce\":\"" + b64(sealed.nonce()) + "\",\"ciphertext\":\"" + b64(sealed.ciphertext()) + "\"}";
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
