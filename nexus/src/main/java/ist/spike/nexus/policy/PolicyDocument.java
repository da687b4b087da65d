package ist.spike.nexus.policy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import ist.spike.common.validate.Permission;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * How a policy is kept in the store: a small JSON document, which the store seals under the root key
 * bound to the policy's name. The name inside must equal the name it is stored under.
 */
final class PolicyDocument {
    static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    /** The stored form; times as ISO-8601 text with nanoseconds. */
    record Stored(int format, String name, String spiffeIdPattern, String pathPattern, List<String> permissions,
            String createdAt, String updatedAt) {}

    private PolicyDocument() {}

    static byte[] encode(Policy policy) {
        Stored stored = new Stored(FORMAT, policy.name(), policy.spiffeIdPattern(), policy.pathPattern(),
                policy.permissionNames(), policy.createdAt().toString(), policy.updatedAt().toString());
        try {
            return JSON.writeValueAsBytes(stored);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode policy " + policy.name(), e);
        }
    }

    /** @throws IllegalArgumentException when the document is not a policy stored under {@code name} */
    static Policy decode(String name, byte[] document) {
        Stored stored;
        try {
            stored = JSON.readValue(document, Stored.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("policy " + name + ": unreadable document");
        }
        if (stored.format() != FORMAT || !name.equals(stored.name()) || stored.permissions() == null) {
            throw new IllegalArgumentException("policy " + name + ": unexpected document (format "
                    + stored.format() + ")");
        }
        List<Permission> permissions = stored.permissions().stream()
                .map(p -> Permission.fromWire(p).orElseThrow(
                        () -> new IllegalArgumentException("policy " + name + ": unknown permission " + p)))
                .toList();
        return new Policy(name, stored.spiffeIdPattern(), stored.pathPattern(), permissions,
                Instant.parse(stored.createdAt()), Instant.parse(stored.updatedAt()));
    }
}
