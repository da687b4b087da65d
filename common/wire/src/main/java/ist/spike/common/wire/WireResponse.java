package ist.spike.common.wire;

import java.util.Optional;

/**
 * A response body. Upstream's {@code err} is a plain Go string, so records keep it as a String (never null;
 * "" on success) and a client that meets a code this project does not know can still read the body.
 */
public interface WireResponse {
    /** The raw {@code err} value: "" on success. */
    String err();

    default boolean succeeded() {
        return err().isEmpty();
    }

    /** The known error code in {@code err}, if any. */
    default Optional<ErrorCode> errorCode() {
        return ErrorCode.fromWire(err());
    }
}
