package ist.spike.common.wire.operator;

/**
 * {@code POST /v1/operator/keys} (the keyring's state) and {@code POST /v1/operator/rotate} (start a data-key
 * rotation): {@code {}}. Our additions to upstream's API.
 */
public record KeysRequest() {}
