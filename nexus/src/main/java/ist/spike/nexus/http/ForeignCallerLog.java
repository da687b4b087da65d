package ist.spike.nexus.http;

import io.spiffe.spiffeid.SpiffeId;
import io.spiffe.spiffeid.TrustDomain;
import ist.spike.common.spiffe.Role;
import ist.spike.common.spiffe.Roles;
import ist.spike.nexus.policy.Policy;
import ist.spike.nexus.policy.PolicyService;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns when a policy matches a caller from a trust domain that no SPIKE role names (in no role's list of
 * trust roots): a federated workload that a policy reaches, perhaps only because its pattern
 * is not anchored (docs/policies-and-cipher.md, "Anchored patterns"). Once per trust domain and policy (as
 * written); the log line holds the caller's ID, the policy's name and its SPIFFE ID pattern, nothing secret.
 */
final class ForeignCallerLog {
    private static final Logger LOG = LoggerFactory.getLogger(ForeignCallerLog.class);
    /** Pairs remembered; past this the memory starts over (a pair may then be logged again). */
    static final int MAX_REMEMBERED = 10_000;

    private final Set<String> namedTrustDomains = new HashSet<>();
    private final PolicyService policies;
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    ForeignCallerLog(Roles roles, PolicyService policies) {
        for (Role role : Role.values()) {
            for (TrustDomain trustDomain : roles.trustDomains(role)) {
                namedTrustDomains.add(trustDomain.getName());
            }
        }
        this.policies = policies;
    }

    /** Called before a policy check for {@code caller}; cheap for callers in a role's trust domain. */
    void observe(SpiffeId caller) {
        String trustDomain = caller.getTrustDomain().getName();
        if (namedTrustDomains.contains(trustDomain)) {
            return;
        }
        for (Policy policy : policies.matching(caller.toString())) {
            if (logged.size() >= MAX_REMEMBERED) {
                logged.clear();
            }
            if (logged.add(trustDomain + "\n" + policy.name() + "\n" + policy.spiffeIdPattern())) {
                LOG.warn("caller {} is from trust domain {}, which no SPIKE role names, and "
                        + "policy '{}' matches it (SPIFFE ID pattern '{}')", caller, trustDomain, policy.name(),
                        policy.spiffeIdPattern());
            }
        }
    }
}
