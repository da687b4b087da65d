package ist.spike.nexus.http;

import static ist.spike.nexus.http.JsonBodies.require;

import ist.spike.common.validate.InputRules;
import ist.spike.common.validate.Permission;
import ist.spike.common.wire.ErrorCode;
import ist.spike.common.wire.policy.PolicyDeleteRequest;
import ist.spike.common.wire.policy.PolicyDeleteResponse;
import ist.spike.common.wire.policy.PolicyGetRequest;
import ist.spike.common.wire.policy.PolicyGetResponse;
import ist.spike.common.wire.policy.PolicyListItem;
import ist.spike.common.wire.policy.PolicyListRequest;
import ist.spike.common.wire.policy.PolicyListResponse;
import ist.spike.common.wire.policy.PolicyPutRequest;
import ist.spike.common.wire.policy.PolicyPutResponse;
import ist.spike.nexus.policy.InvalidPolicyException;
import ist.spike.nexus.policy.Policy;
import ist.spike.nexus.policy.PolicyFilter;
import ist.spike.nexus.policy.PolicyService;
import ist.spike.nexus.policy.ReservedPaths;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The four policy routes (docs/api.md, "Policies"). Unlike upstream, an unknown name on get/delete is 404
 * and an invalid or reserved-path-violating policy on put is 400 (docs/compatibility.md).
 */
public final class PolicyRoutes {
    static final String POLICY = "/v1/acl/policy";
    private static final Logger LOG = LoggerFactory.getLogger(PolicyRoutes.class);

    private final PolicyService policies;
    private final Access access;

    public PolicyRoutes(PolicyService policies, Access access) {
        this.policies = policies;
        this.access = access;
    }

    public void addTo(RouteTable table) {
        table.add(Route.<PolicyPutRequest>post(POLICY, "")
                .guard(acl(Permission.WRITE))
                .decoder(JsonBodies.of(PolicyPutRequest.class))
                .validator(r -> {
                    require(InputRules.isValidPolicyName(r.name()));
                    require(InputRules.isValidSpiffeIdPattern(r.spiffeIdPattern()));
                    require(InputRules.isValidPathPattern(r.pathPattern()));
                    require(InputRules.isValidPermissionSet(r.permissions()));
                })
                .handler(call -> {
                    PolicyPutRequest r = call.request();
                    List<Permission> permissions = r.permissions().stream()
                            .map(p -> Permission.fromWire(p).orElseThrow()).toList();
                    try {
                        policies.put(r.name(), r.spiffeIdPattern(), r.pathPattern(), permissions);
                    } catch (InvalidPolicyException e) {
                        // Patterns are not secret: telling the operator's log why helps them fix it.
                        LOG.info("policy put refused: {}", e.getMessage());
                        throw new ApiException(ErrorCode.API_BAD_REQUEST);
                    }
                    return Reply.json(PolicyPutResponse.OK);
                })
                .errorBody(PolicyPutResponse::error)
                .auditPath(PolicyPutRequest::name)
                .build());

        table.add(Route.<PolicyGetRequest>post(POLICY, "get")
                .guard(acl(Permission.READ))
                .decoder(JsonBodies.of(PolicyGetRequest.class))
                .validator(r -> require(InputRules.isValidPolicyName(r.id())))
                .handler(call -> {
                    Policy p = policies.get(call.request().id())
                            .orElseThrow(() -> new ApiException(ErrorCode.API_NOT_FOUND));
                    return Reply.json(PolicyGetResponse.of(p.name(), p.spiffeIdPattern(), p.pathPattern(),
                            p.permissionNames(), p.createdAt(), p.updatedAt()));
                })
                .errorBody(PolicyGetResponse::error)
                .auditPath(PolicyGetRequest::id)
                .build());

        table.add(Route.<PolicyDeleteRequest>post(POLICY, "delete")
                .guard(acl(Permission.WRITE))
                .decoder(JsonBodies.of(PolicyDeleteRequest.class))
                .validator(r -> require(InputRules.isValidPolicyName(r.id())))
                .handler(call -> {
                    if (!policies.delete(call.request().id())) {
                        throw new ApiException(ErrorCode.API_NOT_FOUND);
                    }
                    return Reply.json(PolicyDeleteResponse.OK);
                })
                .errorBody(PolicyDeleteResponse::error)
                .auditPath(PolicyDeleteRequest::id)
                .build());

        table.add(Route.<PolicyListRequest>post(POLICY, "list")
                .guard(acl(Permission.LIST))
                .decoder(JsonBodies.of(PolicyListRequest.class))
                .handler(call -> {
                    PolicyListRequest r = call.request();
                    List<PolicyListItem> items = policies.list(new PolicyFilter(r.spiffeIdPattern(), r.pathPattern()))
                            .stream().map(p -> PolicyListItem.named(p.name())).toList();
                    return Reply.json(PolicyListResponse.of(items));
                })
                .errorBody(PolicyListResponse::error)
                .build());
    }

    /** Policy management is {@code permission} on spike/system/acl; it depends on the caller alone. */
    private <Q> Guard<Q> acl(Permission permission) {
        return Guard.identity(caller -> access.system(caller, ReservedPaths.ACL, permission), access::mayEverAsk);
    }
}
