package ist.spike.common.wire.operator;

/** {@code POST /v1/operator/status} (Nexus's health and the facts behind it): {@code {}}. Our addition. */
public record StatusRequest() {}
