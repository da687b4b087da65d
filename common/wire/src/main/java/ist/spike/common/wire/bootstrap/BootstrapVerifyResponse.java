package ist.spike.common.wire.bootstrap;

import com.fasterxml.jackson.annotation.JsonInclude;
import ist.spike.common.wire.ErrorCode;
import ist.spike.common.wire.GoZero;
import ist.spike.common.wire.WireResponse;

/**
 * Answer to a bootstrap verify: {@code {"hash":"<hex sha256 of the decrypted text>"}}.
 * Error body: {@code {"hash":"","err":"<code>"}}.
 */
public record BootstrapVerifyResponse(String hash, @JsonInclude(JsonInclude.Include.NON_EMPTY) String err)
        implements WireResponse {
    public BootstrapVerifyResponse {
        hash = GoZero.string(hash);
        err = GoZero.string(err);
    }

    public static BootstrapVerifyResponse of(String hash) {
        return new BootstrapVerifyResponse(hash, "");
    }

    public static BootstrapVerifyResponse error(ErrorCode code) {
        return new BootstrapVerifyResponse("", code.wireCode());
    }
}
