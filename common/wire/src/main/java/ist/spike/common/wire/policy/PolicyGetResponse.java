package ist.spike.common.wire.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import ist.spike.common.wire.ErrorCode;
import ist.spike.common.wire.GoTime;
import ist.spike.common.wire.GoZero;
import ist.spike.common.wire.WireResponse;
import java.time.Instant;
import java.util.List;

/**
 * Answer to a policy get (upstream {@code PolicyReadResponse}, which embeds {@code data.Policy}). The
 * pattern's key is upstream's typo {@code spiffiedPattern}: Go clients only see the pattern under that key.
 * {@code id} is always written and always "" (upstream never assigns policy IDs). The error body is the
 * zero policy: {@code {"id":"","name":"","spiffiedPattern":"","pathPattern":"","permissions":null,
 * "createdAt":"0001-01-01T00:00:00Z","updatedAt":"0001-01-01T00:00:00Z","err":"<code>"}}.
 */
public record PolicyGetResponse(
        String id,
        String name,
        @JsonProperty("spiffiedPattern") String spiffeIdPattern,
        String pathPattern,
        List<String> permissions,
        Instant createdAt,
        Instant updatedAt,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String err) implements WireResponse {
    public PolicyGetResponse {
        id = GoZero.string(id);
        name = GoZero.string(name);
        spiffeIdPattern = GoZero.string(spiffeIdPattern);
        pathPattern = GoZero.string(pathPattern);
        permissions = GoZero.strings(permissions);
        createdAt = GoZero.time(createdAt);
        updatedAt = GoZero.time(updatedAt);
        err = GoZero.string(err);
    }

    public static PolicyGetResponse of(
            String name, String spiffeIdPattern, String pathPattern, List<String> permissions,
            Instant createdAt, Instant updatedAt) {
        return new PolicyGetResponse("", name, spiffeIdPattern, pathPattern, permissions, createdAt, updatedAt, "");
    }

    public static PolicyGetResponse error(ErrorCode code) {
        return new PolicyGetResponse("", "", "", "", null, GoTime.ZERO, GoTime.ZERO, code.wireCode());
    }
}
