package ist.spike.common.wire.secret;

/** {@code POST /v1/store/secrets?action=list}: the body is {@code {}}. */
public record SecretListRequest() {
    public static final SecretListRequest INSTANCE = new SecretListRequest();
}
