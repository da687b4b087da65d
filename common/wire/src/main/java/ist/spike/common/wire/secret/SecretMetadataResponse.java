package ist.spike.common.wire.secret;

import com.fasterxml.jackson.annotation.JsonInclude;
import ist.spike.common.wire.ErrorCode;
import ist.spike.common.wire.GoZero;
import ist.spike.common.wire.WireResponse;
import java.util.Map;

/**
 * Answer to a metadata get (upstream {@code SecretMetadataResponse}, which embeds {@code data.SecretMetadata}).
 * {@code versions} is {@code map[int]...,omitempty}: keys are decimal strings, and the field is left out when
 * the map is nil or empty. {@code metadata} is a struct: Go's omitempty never drops a struct, so it is always
 * written, and the error body is
 * {@code {"metadata":{"currentVersion":0,...,"createdTime":"0001-01-01T00:00:00Z",...},"err":"<code>"}}.
 */
public record SecretMetadataResponse(
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<Integer, SecretVersionInfo> versions,
        SecretMetadataContent metadata,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String err) implements WireResponse {
    public SecretMetadataResponse {
        versions = GoZero.map(versions);
        metadata = metadata == null ? SecretMetadataContent.ZERO : metadata;
        err = GoZero.string(err);
    }

    public static SecretMetadataResponse of(Map<Integer, SecretVersionInfo> versions, SecretMetadataContent metadata) {
        return new SecretMetadataResponse(versions, metadata, "");
    }

    public static SecretMetadataResponse error(ErrorCode code) {
        return new SecretMetadataResponse(null, SecretMetadataContent.ZERO, code.wireCode());
    }
}
