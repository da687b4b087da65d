package ist.spike.nexus.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.spiffe.spiffeid.SpiffeId;
import ist.spike.common.audit.AuditSink;
import ist.spike.common.audit.AuditUnavailableException;
import ist.spike.common.validate.InputRules;
import ist.spike.common.wire.ErrorCode;
import ist.spike.common.wire.NoStoreHeaders;
import ist.spike.common.wire.WireJson;
import ist.spike.nexus.limits.RequestLimits;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single entry point of the Nexus API. Every request goes the same way: POST only, exact route
 * lookup, identity guard (a caller no role or policy could ever admit gets 401 even before the root key
 * is in), root-key gate, bounded body read, decode, policy guard, validate, audit the request, act, audit
 * the response, answer. Each step that fails answers the route's zero-valued body with an upstream error
 * code. An audit line that cannot be written turns the answer into 503 {@code state_not_ready}; when the
 * request line fails the route never runs.
 */
public final class ApiDispatcher implements Handler {
    private static final Logger LOG = LoggerFactory.getLogger(ApiDispatcher.class);
    /** Request attribute: the body was read (or given up on, with the connection marked to close). */
    private static final String BODY_READ = "spike.bodyRead";
    private static final int VALID_CALLERS_LIMIT = 1024; // IDs come and go: start over rather than grow
    /** The answer when an audit line cannot be written: upstream's 503, as when Nexus cannot serve. */
    private static final ErrorCode AUDIT_FAILED = ErrorCode.STATE_NOT_READY;
    private static final Map<String, String> GENERIC_BAD_REQUEST = Map.of("err", ErrorCode.API_BAD_REQUEST.wireCode());

    private final RouteTable routes;
    private final BooleanSupplier rootKeyPresent;
    private final Function<Context, SpiffeId> peerOf;
    private final int maxBodyBytes;
    private final RequestLimits limits;
    private final AuditLog audit;
    private final RequestObserver observer;
    /**
     * Callers' IDs that passed the grammar check, as text. A caller keeps its ID for as long as its
     * SVID lives, and the check (a regex) and SpiffeId.toString (String.format) cost more per request
     * than this lookup.
     */
    private final Map<SpiffeId, String> validCallers = new ConcurrentHashMap<>();

    /**
     * @param rootKeyPresent false while Nexus waits for its root key (gated routes answer 503)
     * @param peerOf the caller's SPIFFE ID from the validated client certificate, or null
     */
    public ApiDispatcher(RouteTable routes, BooleanSupplier rootKeyPresent, Function<Context, SpiffeId> peerOf,
            int maxBodyBytes, RequestLimits limits, AuditSink audit, RequestObserver observer) {
        this.limits = limits;
        this.observer = observer;
        this.audit = new AuditLog(audit);
        this.routes = routes;
        this.rootKeyPresent = rootKeyPresent;
        this.peerOf = peerOf;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handle(Context ctx) {
        long started = System.nanoTime();
        String trail = AuditLog.newTrailId();
        String action = actionOf(ctx.req().getQueryString());
        Route<?> route = ctx.method() == HandlerType.POST ? routes.find(ctx.path(), action) : null;
        SpiffeId caller = peerOf.apply(ctx);
        String callerText = caller == null ? null : validText(caller);
        if (callerText == null) {
            caller = null;
        }
        if (callerText != null && !limits.admitsCall(callerText)) {
            ErrorCode code = ErrorCode.API_TOO_MANY_REQUESTS;
            refuseEarly(ctx, trail, callerText, action, code.wireCode(), code.httpStatus(), started,
                    () -> refuseOverLimit(ctx, route));
        } else if (route == null) {
            refuseEarly(ctx, trail, callerText, action, "unknown_route", 400, started,
                    () -> send(ctx, 400, GENERIC_BAD_REQUEST));
        } else {
            try {
                run(ctx, route, caller, callerText, trail, started);
            } finally {
                observer.answered(route, ctx.res().getStatus(), System.nanoTime() - started);
            }
            finishBody(ctx);
            return;
        }
        observer.answered(route, ctx.res().getStatus(), System.nanoTime() - started);
        finishBody(ctx);
    }

    /** A refusal before any route runs: its response line, then {@code answer} (503 if the line cannot be written). */
    private void refuseEarly(Context ctx, String trail, String callerText, String action, String outcome, int status,
            long started, Runnable answer) {
        try {
            audit.response(trail, callerText, ctx.path(), action, null, outcome, status, started);
            answer.run();
        } catch (AuditUnavailableException e) {
            auditFailed(trail, e);
            send(ctx, AUDIT_FAILED.httpStatus(), Map.of("err", AUDIT_FAILED.wireCode()));
        }
    }

    /** The caller's ID as text, or null if it is outside the grammar upstream accepts (then: no identity, 401). */
    private String validText(SpiffeId caller) {
        String known = validCallers.get(caller);
        if (known != null) {
            return known;
        }
        String text = caller.toString();
        if (!InputRules.isValidPeerSpiffeId(text)) {
            return null;
        }
        if (validCallers.size() >= VALID_CALLERS_LIMIT) {
            validCallers.clear();
        }
        validCallers.put(caller, text);
        return text;
    }

    /**
     * A request refused before its body was read still has that body on the connection. Reading it
     * would spend Nexus's time on a caller it refused: the connection closes after the answer instead.
     */
    private static void finishBody(Context ctx) {
        if (ctx.attribute(BODY_READ) == null && ctx.req().getContentLengthLong() != 0) {
            ctx.header("Connection", "close");
            UnreadBody.closeAfterAnswer(ctx);
        }
    }

    /** 429 with the route's zero-valued body (or the generic one), the body left unread. */
    private static void refuseOverLimit(Context ctx, Route<?> route) {
        ErrorCode code = ErrorCode.API_TOO_MANY_REQUESTS;
        ctx.header("Retry-After", "1");
        send(ctx, code.httpStatus(), route == null ? Map.of("err", code.wireCode()) : route.errorBody(code));
    }

    private <Q> void run(Context ctx, Route<Q> route, SpiffeId caller, String callerText, String trail,
            long started) {
        Attempt<Q> attempt = new Attempt<>();
        try {
            respond(ctx, route, caller, callerText, trail, started, attempt);
        } finally {
            if (attempt.body != null) {
                Arrays.fill(attempt.body, (byte) 0); // it may carry a value, a plaintext or a shard
            }
            limits.releaseBody(callerText, attempt.reservedBodyBytes);
        }
    }

    private <Q> void respond(Context ctx, Route<Q> route, SpiffeId caller, String callerText, String trail,
            long started, Attempt<Q> attempt) {
        Reply reply = null;
        ErrorCode code = null;
        String plainText = null;
        try {
            reply = act(ctx, route, caller, callerText, trail, attempt);
        } catch (ApiException e) {
            code = e.code();
            plainText = e.plainText();
        } catch (AuditUnavailableException e) {
            // The request line was not written, so the route did not run.
            refuseUnaudited(ctx, route, trail, e);
            return;
        } catch (RuntimeException e) {
            // The exception may describe request data: log its type and the trail, not its message.
            LOG.error("internal error on {} (trail {}): {}", route, trail, e.getClass().getName());
            LOG.debug("internal error details (trail {})", trail, e);
            code = ErrorCode.API_INTERNAL_ERROR;
        }
        try {
            audit.response(trail, callerText, route.path(), route.action(), safeAuditPath(route, attempt.request),
                    code == null ? "ok" : code.wireCode(), code == null ? 200 : code.httpStatus(), started);
        } catch (AuditUnavailableException e) {
            refuseUnaudited(ctx, route, trail, e);
            return;
        }
        if (code == null) {
            try {
                sendReply(ctx, reply);
            } catch (RuntimeException e) {
                LOG.warn("answer not delivered on {} (trail {}): {}", route, trail, e.getClass().getName());
                if (ctx.res().isCommitted()) {
                    // Part of a download went out: rethrown, the short answer makes the server abort the
                    // connection rather than end it as if complete.
                    throw e;
                }
            }
        } else if (plainText != null) {
            sendText(ctx, code.httpStatus(), plainText);
        } else {
            send(ctx, code.httpStatus(), route.errorBody(code));
        }
    }

    /**
     * What a request got to: its decoded form (the response line names its path even when a later step
     * refused it), its body (zeroed after the answer) and the body bytes reserved for it (given back).
     */
    private static final class Attempt<Q> {
        Q request;
        byte[] body;
        long reservedBodyBytes;
    }

    /**
     * Guards, decode, validate, the request's audit line, then the route. Only a written request line lets
     * the route run; a caller no role or policy could ever admit learns nothing about the seal state.
     */
    private <Q> Reply act(Context ctx, Route<Q> route, SpiffeId caller, String callerText, String trail,
            Attempt<Q> attempt) throws ApiException, AuditUnavailableException {
        if (caller == null) {
            throw new ApiException(ErrorCode.ACCESS_UNAUTHORIZED);
        }
        if (route.needsRootKey() && !rootKeyPresent.getAsBoolean()) {
            throw new ApiException(route.guard().mayAdmitOnceReady(caller)
                    ? ErrorCode.STATE_NOT_READY : ErrorCode.ACCESS_UNAUTHORIZED);
        }
        if (!route.guard().admits(caller)) {
            throw new ApiException(ErrorCode.ACCESS_UNAUTHORIZED);
        }
        attempt.reservedBodyBytes = limits.reserveBody(callerText, ctx.req().getContentLengthLong());
        if (attempt.reservedBodyBytes < 0) {
            attempt.reservedBodyBytes = 0;
            ctx.header("Retry-After", "1");
            throw new ApiException(ErrorCode.API_TOO_MANY_REQUESTS);
        }
        attempt.body = readBody(ctx);
        // The raw header, as upstream reads it: the servlet accessor fails on an unknown charset.
        Q request = route.decode(attempt.body, ctx.header("Content-Type"));
        attempt.request = request;
        if (!route.guard().permits(caller, request)) {
            throw new ApiException(ErrorCode.ACCESS_UNAUTHORIZED);
        }
        route.validate(request);
        audit.request(trail, callerText, route.path(), route.action(), route.auditPath(request));
        return route.handle(new Call<>(caller, request));
    }

    private void refuseUnaudited(Context ctx, Route<?> route, String trail, AuditUnavailableException e) {
        auditFailed(trail, e);
        send(ctx, AUDIT_FAILED.httpStatus(), route.errorBody(AUDIT_FAILED));
    }

    private static void auditFailed(String trail, AuditUnavailableException e) {
        // The sink reports its failures itself, once per run of them, not once per request.
        LOG.debug("request refused (trail {}): its audit line could not be written: {}", trail, e.getMessage());
    }

    /**
     * The first {@code action} query value, like Go's {@code r.URL.Query().Get("action")}; decoded as
     * UTF-8 whatever charset the request claims (Javalin's accessor fails on an unknown one).
     * A pair that does not decode is skipped, as Go skips it.
     */
    static String actionOf(String query) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                if ("action".equals(URLDecoder.decode(key, StandardCharsets.UTF_8))) {
                    return URLDecoder.decode(value, StandardCharsets.UTF_8);
                }
            } catch (IllegalArgumentException e) {
                // malformed escape: skip this pair
            }
        }
        return null;
    }

    private static <Q> String safeAuditPath(Route<Q> route, Q request) {
        try {
            return route.auditPath(request);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Reads at most maxBodyBytes; a longer or unreadable body is a bad request, whatever Content-Length says. */
    private byte[] readBody(Context ctx) throws ApiException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBodyBytes) {
            limits.bodyTooLarge();
            throw new ApiException(ErrorCode.API_BAD_REQUEST);
        }
        // readNBytes allocates min(limit, 16 KiB) before reading: ask for what Content-Length announces
        // (plus one byte, to notice more) so a small body costs a small buffer.
        int limit = declared >= 0 ? (int) declared + 1 : maxBodyBytes + 1;
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes(limit);
            if (body.length > maxBodyBytes) {
                limits.bodyTooLarge();
                // The rest stays unread: this connection must close after the answer.
                ctx.attribute(BODY_READ, Boolean.TRUE);
                ctx.header("Connection", "close");
                throw new ApiException(ErrorCode.API_BAD_REQUEST);
            }
            ctx.attribute(BODY_READ, Boolean.TRUE);
            return body;
        } catch (IOException e) {
            ctx.attribute(BODY_READ, Boolean.TRUE);
            ctx.header("Connection", "close");
            throw new ApiException(ErrorCode.API_BAD_REQUEST);
        }
    }

    private static void sendReply(Context ctx, Reply reply) {
        if (reply.stream() != null) {
            Reply.Download download = reply.stream();
            noStore(ctx);
            ctx.status(200).contentType(reply.contentType());
            // With the length announced, an answer cut short ends in an aborted connection, never in a
            // complete-looking one; the digest (RFC 9530) lets the client check what it saved.
            ctx.res().setContentLengthLong(download.length());
            ctx.header("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(download.sha256()) + ":");
            try (InputStream in = download.content()) {
                in.transferTo(ctx.res().getOutputStream());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("backup stream interrupted", e);
            }
        } else if (reply.raw() != null) {
            noStore(ctx);
            write(ctx.status(200).contentType(reply.contentType()), reply.raw());
            Arrays.fill(reply.raw(), (byte) 0);
        } else {
            send(ctx, 200, reply.json());
        }
    }

    private static void send(Context ctx, int status, Object body) {
        noStore(ctx);
        byte[] json = WireJson.write(body);
        write(ctx.status(status).contentType("application/json"), json);
        Arrays.fill(json, (byte) 0); // it may carry a value or shards
    }

    /**
     * Writes the body straight to the servlet's stream. {@code ctx.result(bytes)} copies it through a new
     * 32 KiB buffer per request (much of all allocation on this path), and {@code ctx.outputStream()}
     * matches the content type against Javalin's compression lists on every answer, although
     * MtlsServer turns compression off.
     */
    private static void write(Context ctx, byte[] body) {
        try {
            ctx.res().getOutputStream().write(body);
        } catch (IOException e) {
            // The client is gone; there is nobody to tell.
            LOG.debug("response not delivered: {}", e.getClass().getSimpleName());
        }
    }

    /** Go's http.Error: the text plus a newline, as text/plain. */
    private static void sendText(Context ctx, int status, String text) {
        noStore(ctx);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.status(status).contentType("text/plain; charset=utf-8").result(text + "\n");
    }

    private static void noStore(Context ctx) {
        NoStoreHeaders.ALL.forEach(ctx::header);
    }

    /** Registers this dispatcher for every method and path, so unknown ones get upstream's 400 too. */
    public void install(io.javalin.config.JavalinConfig cfg) {
        for (HandlerType type : HandlerType.values()) {
            if (type.isHttpMethod()) {
                cfg.routes.addHttpHandler(type, "/", this);
                cfg.routes.addHttpHandler(type, "/<path>", this);
            }
        }
    }
}
