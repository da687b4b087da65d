package ist.spike.nexus.http;

import io.spiffe.spiffeid.SpiffeId;
import ist.spike.common.spiffe.Role;
import ist.spike.common.spiffe.Roles;
import ist.spike.common.wire.ErrorCode;
import ist.spike.common.wire.operator.KeysRequest;
import ist.spike.common.wire.operator.KeysResponse;
import ist.spike.common.wire.operator.RekeyRequest;
import ist.spike.common.wire.operator.RekeyResponse;
import ist.spike.nexus.keyring.DataKey;
import ist.spike.nexus.keyring.KeyPurpose;
import ist.spike.nexus.keyring.Keyring;
import ist.spike.nexus.rootkey.Rekey;
import ist.spike.nexus.store.sealed.KeyRotation;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The keyring's routes (docs/api.md, "Keys"): its state, a data-key rotation, a root key rekey. Superuser
 * only.
 */
public final class KeyRoutes {
    static final String KEYS = "/v1/operator/keys";
    static final String ROTATE = "/v1/operator/rotate";
    static final String REKEY = "/v1/operator/rekey";

    private final Roles roles;
    private final Supplier<KeyRotation> rotation;
    private final Rekey rekey;

    /**
     * @param rotation the open store's rotation, null while there is none (lite, or before the root key)
     * @param rekey    null where there are no keepers to rekey (the memory and lite backends)
     */
    public KeyRoutes(Roles roles, Supplier<KeyRotation> rotation, Rekey rekey) {
        this.roles = roles;
        this.rotation = rotation;
        this.rekey = rekey;
    }

    public void addTo(RouteTable table) {
        Predicate<SpiffeId> superuser = roles.predicate(Role.PILOT_SUPERUSER);
        table.add(Route.<KeysRequest>post(KEYS, "")
                .guard(Guard.identity(superuser))
                .decoder(JsonBodies.of(KeysRequest.class))
                .handler(call -> Reply.json(describe(rotation().status())))
                .errorBody(KeysResponse::error)
                .build());
        table.add(Route.<KeysRequest>post(ROTATE, "")
                .guard(Guard.identity(superuser))
                .decoder(JsonBodies.of(KeysRequest.class))
                .handler(call -> Reply.json(describe(rotation().rotate())))
                .errorBody(KeysResponse::error)
                .build());
        table.add(Route.<RekeyRequest>post(REKEY, "")
                .guard(Guard.identity(superuser))
                .decoder(JsonBodies.of(RekeyRequest.class))
                .handler(call -> Reply.json(describe(startRekey())))
                .errorBody(RekeyResponse::error)
                .build());
    }

    private Rekey.Status startRekey() throws ApiException {
        if (rekey == null || rotation.get() == null) {
            throw new ApiException(ErrorCode.API_BAD_REQUEST);
        }
        return rekey.start();
    }

    static RekeyResponse describe(Rekey.Status s) {
        return new RekeyResponse(s.rootEpoch(), s.keepers(), s.keepersWithNewShard(), s.complete(), time(s.started()),
                "");
    }

    private KeyRotation rotation() throws ApiException {
        KeyRotation current = rotation.get();
        if (current == null) {
            throw new ApiException(ErrorCode.API_BAD_REQUEST);
        }
        return current;
    }

    private KeysResponse describe(KeyRotation.Status s) {
        return describe(s, rekey != null && !rekey.status().complete());
    }

    static KeysResponse describe(KeyRotation.Status s, boolean rekeyUnderWay) {
        Keyring k = s.keyring();
        List<KeysResponse.Generation> generations = k.keys().stream()
                .map(KeyRoutes::generation).toList();
        return new KeysResponse(k.active(KeyPurpose.STORAGE).generation(), k.rootEpoch(),
                s.phase().name().toLowerCase(Locale.ROOT), s.resealed(), s.verified(), s.failedRecords(),
                s.encryptions(), s.maxEncryptions(), time(k.lastRotation()), time(s.nextScheduled()),
                time(k.lastRekey()), rekeyUnderWay, s.lastError() == null ? "" : s.lastError(), generations, "");
    }

    private static KeysResponse.Generation generation(DataKey key) {
        return new KeysResponse.Generation(key.generation(), key.purpose().name().toLowerCase(Locale.ROOT),
                key.state().name().toLowerCase(Locale.ROOT).replace('_', '-'), time(key.createdTime()), key.legacy());
    }

    private static String time(Instant t) {
        return t == null ? "" : t.toString();
    }
}
