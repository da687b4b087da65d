package ist.spike.nexus.http;

import static ist.spike.nexus.http.JsonBodies.require;

import io.spiffe.spiffeid.SpiffeId;
import ist.spike.common.crypto.AeadException;
import ist.spike.common.crypto.AesGcm;
import ist.spike.common.crypto.SecretBytes;
import ist.spike.common.shamir.Shamir;
import ist.spike.common.shamir.Share;
import ist.spike.common.spiffe.Role;
import ist.spike.common.spiffe.Roles;
import ist.spike.common.wire.ErrorCode;
import ist.spike.common.wire.Shard;
import ist.spike.common.wire.bootstrap.BootstrapVerifyRequest;
import ist.spike.common.wire.bootstrap.BootstrapVerifyResponse;
import ist.spike.common.wire.operator.BackupRequest;
import ist.spike.common.wire.operator.RecoverRequest;
import ist.spike.common.wire.operator.RecoverResponse;
import ist.spike.common.wire.operator.RestoreRequest;
import ist.spike.common.wire.operator.RestoreResponse;
import ist.spike.nexus.operator.RecoveryExports;
import ist.spike.nexus.operator.RestoreSession;
import ist.spike.nexus.rootkey.RootKeyHolder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntSupplier;
import java.util.function.Predicate;

/**
 * Break-glass routes (docs/api.md, "Operator") and upstream Bootstrap's verification. Recover and restore
 * work before the root key exists and never consult policies: each has exactly one role.
 */
public final class OperatorRoutes {
    static final String RECOVER = "/v1/operator/recover";
    static final String RESTORE = "/v1/operator/restore";
    static final String VERIFY = "/v1/bootstrap/verify";
    /** Our addition (upstream has no online backup): a consistent snapshot of the database, ciphertext only. */
    static final String BACKUP = "/v1/operator/backup";
    static final int MAX_VERIFY_CIPHERTEXT = 65_536;

    private final Roles roles;
    private final RootKeyHolder holder;
    private final RestoreSession restore;
    private final int shares;
    private final int threshold;
    private final Snapshots snapshots;
    private final RecoveryExports exports;
    private final IntSupplier rootEpoch;

    /** Consistent snapshots of the store; null when the backend keeps nothing to back up. */
    @FunctionalInterface
    public interface Snapshots {
        Reply.Download open();
    }

    /**
     * @param restore null for the memory backend, which has no root key to recover or restore
     * @param exports where each export of recovery shards is recorded, with {@code rootEpoch}'s key
     */
    public OperatorRoutes(Roles roles, RootKeyHolder holder, RestoreSession restore, int shares, int threshold,
            Snapshots snapshots, RecoveryExports exports, IntSupplier rootEpoch) {
        this.snapshots = snapshots;
        this.exports = exports;
        this.rootEpoch = rootEpoch;
        this.roles = roles;
        this.holder = holder;
        this.restore = restore;
        this.shares = shares;
        this.threshold = threshold;
    }

    public void addTo(RouteTable table) {
        table.add(Route.<RecoverRequest>post(RECOVER, "")
                .guard(only(Role.PILOT_RECOVER))
                .decoder(JsonBodies.of(RecoverRequest.class))
                .handler(call -> Reply.json(RecoverResponse.of(recover())))
                .errorBody(RecoverResponse::error)
                .availableBeforeRootKey()
                .build());

        table.add(Route.<RestoreRequest>post(RESTORE, "")
                .guard(only(Role.PILOT_RESTORE))
                .decoder(JsonBodies.of(RestoreRequest.class))
                .validator(r -> require(r.shard() != null && !r.shard().isAllZero()))
                .handler(call -> Reply.json(restore(call.request())))
                .errorBody(RestoreResponse::error)
                .availableBeforeRootKey()
                .build());

        table.add(Route.<BackupRequest>post(BACKUP, "")
                .guard(only(Role.PILOT_SUPERUSER))
                .decoder(JsonBodies.of(BackupRequest.class))
                .handler(call -> {
                    if (snapshots == null) {
                        throw new ApiException(ErrorCode.API_BAD_REQUEST);
                    }
                    return Reply.stream(snapshots.open(), "application/octet-stream");
                })
                .errorBody(ist.spike.common.wire.FallbackResponse::error)
                .build());

        table.add(Route.<BootstrapVerifyRequest>post(VERIFY, "")
                .guard(only(Role.BOOTSTRAP))
                .decoder(JsonBodies.of(BootstrapVerifyRequest.class))
                .validator(r -> require(r.nonce() != null && r.nonce().length == AesGcm.NONCE_LENGTH
                        && r.ciphertext() != null && r.ciphertext().length <= MAX_VERIFY_CIPHERTEXT))
                .handler(call -> Reply.json(BootstrapVerifyResponse.of(verify(call.request()))))
                .errorBody(BootstrapVerifyResponse::error)
                .build());
    }

    private <Q> Guard<Q> only(Role role) {
        Predicate<SpiffeId> predicate = roles.predicate(role);
        return Guard.identity(predicate);
    }

    /** All n shards, recomputed from the root key: identical to what the keepers hold. */
    private Map<Integer, Shard> recover() throws ApiException {
        if (restore == null) {
            throw new ApiException(ErrorCode.API_BAD_REQUEST);
        }
        SecretBytes key = holder.get();
        if (key == null) {
            throw new ApiException(ErrorCode.API_INTERNAL_ERROR);
        }
        List<Share> split = Shamir.split(key, threshold, shares);
        exports.record(rootEpoch.getAsInt());
        Map<Integer, Shard> out = new TreeMap<>();
        for (Share share : split) {
            byte[] value = share.value();
            out.put(share.id(), Shard.copyOf(value));
            Arrays.fill(value, (byte) 0);
            share.destroy();
        }
        return out;
    }

    private RestoreResponse restore(RestoreRequest request) throws ApiException {
        if (restore == null) {
            throw new ApiException(ErrorCode.API_BAD_REQUEST);
        }
        byte[] shard = request.shard().copyBytes();
        try {
            RestoreSession.Status status = restore.submit(request.id(), shard);
            return RestoreResponse.of(status.collected(), status.remaining(), status.restored());
        } catch (RestoreSession.Refused e) {
            throw new ApiException(ErrorCode.API_BAD_REQUEST);
        } finally {
            Arrays.fill(shard, (byte) 0);
            request.shard().destroy();
        }
    }

    /** Upstream Bootstrap's proof: decrypt its random text with the root key and return sha256(text) in hex. */
    private String verify(BootstrapVerifyRequest request) throws ApiException {
        SecretBytes key = holder.get();
        if (key == null) {
            throw new ApiException(ErrorCode.STATE_NOT_READY);
        }
        try {
            byte[] text = AesGcm.create(key).openDetached(request.nonce(), request.ciphertext(),
                    AesGcm.NO_ASSOCIATED_DATA);
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text);
            Arrays.fill(text, (byte) 0);
            return HexFormat.of().formatHex(hash);
        } catch (AeadException | NoSuchAlgorithmException e) {
            throw new ApiException(ErrorCode.API_INTERNAL_ERROR);
        }
    }
}
