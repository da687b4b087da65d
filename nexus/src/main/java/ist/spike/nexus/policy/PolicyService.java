package ist.spike.nexus.policy;

import ist.spike.common.validate.Permission;
import ist.spike.nexus.store.Backend;
import ist.spike.nexus.store.StoreIntegrityException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Policies: stored (sealed) in the backend, and held compiled in memory for access checks. They are
 * read and compiled once when the store opens ({@link #load}), and the in-memory index is replaced
 * after each write commits; an access check never reads the store or compiles a pattern.
 *
 * <p>Unlike upstream (upstream ADR-0024: no cache, every check reads the store) this assumes one Nexus per
 * store; several Nexus instances on one store would each need to reload on change.
 */
public final class PolicyService {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyService.class);

    private final Backend backend;
    private final Clock clock;
    /** SPIKE_NEXUS_POLICY_STRICT: refuse patterns that are not anchored (docs/policies-and-cipher.md). */
    private final boolean strict;
    /** Writes and the index swap after them happen one at a time, so the index follows commit order. */
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile PolicyIndex index = PolicyIndex.EMPTY;
    private volatile boolean loaded;

    public PolicyService(Backend backend, Clock clock) {
        this(backend, clock, false);
    }

    /** @param strict refuse to write a policy whose patterns are not anchored ({@link AnchoredPolicies}) */
    public PolicyService(Backend backend, Clock clock, boolean strict) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.strict = strict;
    }

    /**
     * Reads and compiles every stored policy. A stored policy that no longer reads or compiles is left
     * out (so it grants nothing) and logged; its row stays for an operator to inspect or delete.
     */
    public void load() {
        writeLock.lock();
        try {
            if (loaded) {
                return;
            }
            List<CompiledPolicy> compiled = backend.read(tx -> {
                List<CompiledPolicy> out = new ArrayList<>();
                for (String name : tx.policyNames()) {
                    try {
                        byte[] document = tx.policy(name).orElseThrow();
                        Policy policy = PolicyDocument.decode(name, document);
                        out.add(compileStored(policy));
                        if (strict) {
                            AnchoredPolicies.risk(policy).ifPresent(risk -> LOG.warn(
                                    "{}; it was stored before strict mode and still applies", risk));
                        }
                    } catch (StoreIntegrityException | IllegalArgumentException | InvalidPolicyException e) {
                        LOG.error("policy '{}' is ignored (it grants nothing): {}", name, e.getMessage());
                    }
                }
                return out;
            });
            index = PolicyIndex.of(compiled);
            loaded = true;
            LOG.info("{} policies loaded", compiled.size());
        } finally {
            writeLock.unlock();
        }
    }

    /** True once {@link #load} has run; until then no check can be answered correctly. */
    public boolean isLoaded() {
        return loaded;
    }

    /** Loads now if that has not happened yet (or failed); true when the policies are in. */
    public boolean ensureLoaded() {
        if (!loaded) {
            try {
                load();
            } catch (RuntimeException e) {
                LOG.error("policies could not be loaded yet: {}", e.getClass().getSimpleName());
            }
        }
        return loaded;
    }

    /**
     * Creates or replaces the policy called {@code name} (upsert: createdAt is kept, updatedAt set).
     * Inputs are assumed to have passed the wire validation rules.
     *
     * @throws InvalidPolicyException when a pattern does not compile, the policy reaches a reserved
     *                                system path by accident, or (strict mode) a pattern is not anchored
     */
    public Policy put(String name, String spiffeIdPattern, String pathPattern, List<Permission> permissions)
            throws InvalidPolicyException {
        Instant now = clock.instant();
        Policy proposed = new Policy(name, spiffeIdPattern, pathPattern, permissions, now, now);
        if (strict) {
            AnchoredPolicies.requireAnchored(proposed);
        }
        // Compile before touching the store: an invalid policy is never written.
        CompiledPolicy draft = CompiledPolicy.forWrite(proposed);
        writeLock.lock();
        try {
            Policy written = backend.write(tx -> {
                Instant created = tx.policy(name).map(doc -> createdAtOf(name, doc)).orElse(now);
                Policy policy = new Policy(name, spiffeIdPattern, pathPattern, permissions, created, now);
                tx.putPolicy(name, PolicyDocument.encode(policy));
                return policy;
            });
            index = index.with(draft.withStored(written));
            return written;
        } finally {
            writeLock.unlock();
        }
    }

    /** The policy called {@code name}, as last written. */
    public Optional<Policy> get(String name) {
        CompiledPolicy compiled = index.get(name);
        if (compiled != null) {
            return Optional.of(compiled.policy());
        }
        // Not in the index: absent, or stored but ignored at load (then reading it shows why).
        return backend.read(tx -> tx.policy(name)).map(doc -> PolicyDocument.decode(name, doc));
    }

    /** Deletes the policy called {@code name}; false when there was none. */
    public boolean delete(String name) {
        writeLock.lock();
        try {
            boolean deleted = backend.write(tx -> tx.deletePolicy(name));
            if (deleted) {
                index = index.without(name);
            }
            return deleted;
        } finally {
            writeLock.unlock();
        }
    }

    /** The policies the filter accepts, sorted by name. */
    public List<Policy> list(PolicyFilter filter) {
        return index.all().stream().map(CompiledPolicy::policy).filter(filter::accepts).toList();
    }

    /** Could any policy grant this caller anything (its SPIFFE ID matches at least one pattern)? */
    public boolean hasPoliciesFor(String callerId) {
        return index.hasPoliciesFor(callerId);
    }

    /** The policies whose SPIFFE ID pattern matches {@code callerId}. */
    public List<Policy> matching(String callerId) {
        return index.applicableTo(callerId).all().stream().map(CompiledPolicy::policy).toList();
    }

    /** For a non-superuser: does one policy grant {@code callerId} every wanted permission on {@code path}? */
    public boolean allows(String callerId, String path, Collection<Permission> wanted) {
        return index.allows(callerId, path, wanted);
    }

    public int size() {
        return index.size();
    }

    private static CompiledPolicy compileStored(Policy policy) throws InvalidPolicyException {
        CompiledPolicy compiled = CompiledPolicy.of(policy);
        try {
            CompiledPolicy.forWrite(policy);
        } catch (InvalidPolicyException e) {
            // Stored before the reserved-path rule (or by another implementation): the check-time rule
            // keeps it from granting the reserved path; say so once, here, rather than on every request.
            LOG.warn("{}; it will not grant that path", e.getMessage());
        }
        return compiled;
    }

    private static Instant createdAtOf(String name, byte[] document) {
        try {
            return PolicyDocument.decode(name, document).createdAt();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
