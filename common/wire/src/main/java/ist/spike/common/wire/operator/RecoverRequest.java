package ist.spike.common.wire.operator;

/** {@code POST /v1/operator/recover}: the body is {@code {}}. */
public record RecoverRequest() {
    public static final RecoverRequest INSTANCE = new RecoverRequest();
}
