package ist.spike.common.wire.operator;

/** {@code POST /v1/operator/rekey}: {@code {}}. Our addition to upstream's API: start a root key rekey. */
public record RekeyRequest() {}
