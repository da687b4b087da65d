package ist.spike.common.wire.secret;

import com.fasterxml.jackson.annotation.JsonInclude;
import ist.spike.common.wire.ErrorCode;
import ist.spike.common.wire.GoZero;
import ist.spike.common.wire.Redacted;
import ist.spike.common.wire.WireResponse;
import java.util.Map;

/**
 * Answer to a secret get (upstream {@code SecretReadResponse}): {@code {"data":{...}}}; the error body is
 * {@code {"data":null,"err":"<code>"}} (data has no omitempty, so nil is written as null).
 */
public record SecretGetResponse(
        Map<String, String> data, @JsonInclude(JsonInclude.Include.NON_EMPTY) String err) implements WireResponse {
    public SecretGetResponse {
        data = GoZero.stringMap(data);
        err = GoZero.string(err);
    }

    public static SecretGetResponse of(Map<String, String> data) {
        return new SecretGetResponse(data, "");
    }

    public static SecretGetResponse error(ErrorCode code) {
        return new SecretGetResponse(null, code.wireCode());
    }

    @Override
    public String toString() {
        return "SecretGetResponse[data=" + Redacted.values(data) + ", err=" + err + "]";
    }
}
