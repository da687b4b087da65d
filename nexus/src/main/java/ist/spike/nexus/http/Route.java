package ist.spike.nexus.http;

import ist.spike.common.wire.ErrorCode;
import java.util.Objects;
import java.util.function.Function;

/**
 * One API operation: exact path plus {@code ?action=}, and the steps every request goes through in
 * order: guard (who may call), decode, validate, act. A route cannot be built without a guard.
 */
public final class Route<Q> {
    /** Turns the raw body into a request, or throws ApiException(api_bad_request). */
    @FunctionalInterface
    public interface Decoder<Q> {
        Q decode(byte[] body, String contentType) throws ApiException;
    }

    /** Checks a decoded request; throws ApiException(api_bad_request) when it is invalid. */
    @FunctionalInterface
    public interface Validator<Q> {
        void validate(Q request) throws ApiException;
    }

    /** Does the work for an authorised, valid request. */
    @FunctionalInterface
    public interface Action<Q> {
        Reply apply(Call<Q> call) throws ApiException;
    }

    private final String path;
    private final String action;
    private final Guard<Q> guard;
    private final Decoder<Q> decoder;
    private final Validator<Q> validator;
    private final Action<Q> handler;
    private final Function<ErrorCode, Object> errorBody;
    private final Function<Q, String> auditPath;
    private final boolean needsRootKey;

    private Route(Builder<Q> b) {
        this.path = Objects.requireNonNull(b.path, "path");
        this.action = Objects.requireNonNull(b.action, "action");
        this.guard = Objects.requireNonNull(b.guard, () -> "route " + b.path + "?action=" + b.action + " has no guard");
        this.decoder = Objects.requireNonNull(b.decoder, "decoder");
        this.validator = b.validator;
        this.handler = Objects.requireNonNull(b.handler, "handler");
        this.errorBody = Objects.requireNonNull(b.errorBody, "errorBody");
        this.auditPath = b.auditPath;
        this.needsRootKey = b.needsRootKey;
    }

    public static <Q> Builder<Q> post(String path, String action) {
        return new Builder<>(path, action);
    }

    public String path() {
        return path;
    }

    public String action() {
        return action;
    }

    public Guard<Q> guard() {
        return guard;
    }

    /** False only for the routes that must work before the root key exists (recover, restore). */
    public boolean needsRootKey() {
        return needsRootKey;
    }

    Q decode(byte[] body, String contentType) throws ApiException {
        return decoder.decode(body, contentType);
    }

    void validate(Q request) throws ApiException {
        if (validator != null) {
            validator.validate(request);
        }
    }

    Reply handle(Call<Q> call) throws ApiException {
        return handler.apply(call);
    }

    Object errorBody(ErrorCode code) {
        return errorBody.apply(code);
    }

    String auditPath(Q request) {
        return auditPath == null || request == null ? null : auditPath.apply(request);
    }

    @Override
    public String toString() {
        return "POST " + path + (action.isEmpty() ? "" : "?action=" + action);
    }

    public static final class Builder<Q> {
        private final String path;
        private final String action;
        private Guard<Q> guard;
        private Decoder<Q> decoder;
        private Validator<Q> validator;
        private Action<Q> handler;
        private Function<ErrorCode, Object> errorBody;
        private Function<Q, String> auditPath;
        private boolean needsRootKey = true;

        private Builder(String path, String action) {
            this.path = path;
            this.action = action;
        }

        public Builder<Q> guard(Guard<Q> guard) {
            this.guard = guard;
            return this;
        }

        public Builder<Q> decoder(Decoder<Q> decoder) {
            this.decoder = decoder;
            return this;
        }

        public Builder<Q> validator(Validator<Q> validator) {
            this.validator = validator;
            return this;
        }

        public Builder<Q> handler(Action<Q> handler) {
            this.handler = handler;
            return this;
        }

        /** The zero-valued response body for this route, carrying the error code (upstream's error model). */
        public Builder<Q> errorBody(Function<ErrorCode, Object> errorBody) {
            this.errorBody = errorBody;
            return this;
        }

        /** Which resource path the audit line names (never a value). */
        public Builder<Q> auditPath(Function<Q, String> auditPath) {
            this.auditPath = auditPath;
            return this;
        }

        public Builder<Q> availableBeforeRootKey() {
            this.needsRootKey = false;
            return this;
        }

        public Route<Q> build() {
            return new Route<>(this);
        }
    }
}
