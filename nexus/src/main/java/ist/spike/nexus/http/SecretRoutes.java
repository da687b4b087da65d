package ist.spike.nexus.http;

import static ist.spike.nexus.http.JsonBodies.require;

import io.spiffe.spiffeid.SpiffeId;
import ist.spike.common.validate.InputRules;
import ist.spike.common.validate.Permission;
import ist.spike.common.wire.ErrorCode;
import ist.spike.common.wire.secret.SecretDeleteRequest;
import ist.spike.common.wire.secret.SecretDeleteResponse;
import ist.spike.common.wire.secret.SecretGetRequest;
import ist.spike.common.wire.secret.SecretGetResponse;
import ist.spike.common.wire.secret.SecretListRequest;
import ist.spike.common.wire.secret.SecretListResponse;
import ist.spike.common.wire.secret.SecretMetadataContent;
import ist.spike.common.wire.secret.SecretMetadataRequest;
import ist.spike.common.wire.secret.SecretMetadataResponse;
import ist.spike.common.wire.secret.SecretPutRequest;
import ist.spike.common.wire.secret.SecretPutResponse;
import ist.spike.common.wire.secret.SecretUndeleteRequest;
import ist.spike.common.wire.secret.SecretUndeleteResponse;
import ist.spike.common.wire.secret.SecretVersionInfo;
import ist.spike.nexus.secret.SecretMetadata;
import ist.spike.nexus.secret.SecretNotFoundException;
import ist.spike.nexus.policy.ReservedPaths;
import ist.spike.nexus.secret.SecretService;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The six secret routes of upstream's API (docs/api.md, "Secrets") over the secret service. */
public final class SecretRoutes {
    static final String SECRETS = "/v1/store/secrets";
    static final String METADATA = "/v1/store/secrets/metadata";

    private final SecretService secrets;
    private final Access access;

    public SecretRoutes(SecretService secrets, Access access) {
        this.secrets = secrets;
        this.access = access;
    }

    public void addTo(RouteTable table) {
        table.add(Route.<SecretPutRequest>post(SECRETS, "")
                .guard(pathGuard(Permission.WRITE, SecretPutRequest::path))
                .decoder(JsonBodies.of(SecretPutRequest.class))
                .validator(r -> {
                    requirePath(r.path());
                    require(r.values() != null);
                    for (String key : r.values().keySet()) {
                        require(InputRules.isValidSecretKey(key));
                    }
                    for (String value : r.values().values()) {
                        require(value != null);
                    }
                })
                .handler(call -> {
                    secrets.put(call.request().path(), call.request().values());
                    return Reply.json(SecretPutResponse.OK);
                })
                .errorBody(SecretPutResponse::error)
                .auditPath(SecretPutRequest::path)
                .build());

        table.add(Route.<SecretGetRequest>post(SECRETS, "get")
                .guard(pathGuard(Permission.READ, SecretGetRequest::path))
                .decoder(JsonBodies.of(SecretGetRequest.class))
                .validator(r -> {
                    requirePath(r.path());
                    require(r.version() >= 0);
                })
                .handler(call -> found(() -> Reply.json(SecretGetResponse.of(
                        secrets.get(call.request().path(), call.request().version())))))
                .errorBody(SecretGetResponse::error)
                .auditPath(SecretGetRequest::path)
                .build());

        table.add(Route.<SecretDeleteRequest>post(SECRETS, "delete")
                .guard(pathGuard(Permission.WRITE, SecretDeleteRequest::path))
                .decoder(JsonBodies.of(SecretDeleteRequest.class))
                .validator(r -> {
                    requirePath(r.path());
                    requireVersions(r.versions());
                })
                .handler(call -> found(() -> {
                    secrets.delete(call.request().path(), versions(call.request().versions()));
                    return Reply.json(SecretDeleteResponse.OK);
                }))
                .errorBody(SecretDeleteResponse::error)
                .auditPath(SecretDeleteRequest::path)
                .build());

        table.add(Route.<SecretUndeleteRequest>post(SECRETS, "undelete")
                .guard(pathGuard(Permission.WRITE, SecretUndeleteRequest::path))
                .decoder(JsonBodies.of(SecretUndeleteRequest.class))
                .validator(r -> {
                    requirePath(r.path());
                    requireVersions(r.versions());
                })
                .handler(call -> found(() -> {
                    secrets.undelete(call.request().path(), versions(call.request().versions()));
                    return Reply.json(SecretUndeleteResponse.OK);
                }))
                .errorBody(SecretUndeleteResponse::error)
                .auditPath(SecretUndeleteRequest::path)
                .build());

        table.add(Route.<SecretListRequest>post(SECRETS, "list")
                .guard(Guard.identity(caller -> access.system(caller, ReservedPaths.SECRET_LIST, Permission.LIST),
                        access::mayEverAsk))
                .decoder(JsonBodies.of(SecretListRequest.class))
                .handler(call -> Reply.json(SecretListResponse.of(secrets.list())))
                .errorBody(SecretListResponse::error)
                .build());

        table.add(Route.<SecretMetadataRequest>post(METADATA, "get")
                .guard(pathGuard(Permission.READ, SecretMetadataRequest::path))
                .decoder(JsonBodies.of(SecretMetadataRequest.class))
                .validator(r -> {
                    requirePath(r.path());
                    require(r.version() >= 0);
                })
                .handler(call -> found(() -> Reply.json(toWire(
                        secrets.metadata(call.request().path(), call.request().version())))))
                .errorBody(SecretMetadataResponse::error)
                .auditPath(SecretMetadataRequest::path)
                .build());
    }

    private <Q> Guard<Q> pathGuard(Permission permission, java.util.function.Function<Q, String> path) {
        return new Guard<>() {
            @Override
            public boolean admits(SpiffeId caller) {
                return access.mayAsk(caller);
            }

            @Override
            public boolean permits(SpiffeId caller, Q request) {
                return access.secret(caller, path.apply(request), permission);
            }

            @Override
            public boolean mayAdmitOnceReady(SpiffeId caller) {
                return access.mayEverAsk(caller);
            }
        };
    }

    private static void requirePath(String path) throws ApiException {
        require(InputRules.isValidSecretPath(path));
    }

    private static void requireVersions(List<Integer> versions) throws ApiException {
        if (versions != null) {
            for (Integer v : versions) {
                require(v != null && v >= 0);
            }
        }
    }

    /** An omitted list means "the current version", as an empty one does. */
    private static List<Integer> versions(List<Integer> requested) {
        return requested == null ? List.of() : requested;
    }

    private interface Work {
        Reply run() throws ApiException;
    }

    /** A missing path or version is upstream's 404 api_not_found. */
    private static Reply found(Work work) throws ApiException {
        try {
            return work.run();
        } catch (SecretNotFoundException e) {
            throw new ApiException(ErrorCode.API_NOT_FOUND);
        }
    }

    private static SecretMetadataResponse toWire(SecretMetadata m) {
        Map<Integer, SecretVersionInfo> versions = new TreeMap<>();
        for (var v : m.versions()) {
            versions.put(v.version(), new SecretVersionInfo(v.createdTime(), v.version(), v.deletedTime()));
        }
        return SecretMetadataResponse.of(versions, new SecretMetadataContent(m.currentVersion(), m.oldestVersion(),
                m.createdTime(), m.updatedTime(), m.maxVersions()));
    }
}
