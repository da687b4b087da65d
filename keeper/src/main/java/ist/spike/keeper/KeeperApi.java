package ist.spike.keeper;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsExchange;
import io.spiffe.spiffeid.SpiffeId;
import ist.spike.common.audit.AuditSink;
import ist.spike.common.audit.AuditUnavailableException;
import ist.spike.common.spiffe.PeerIds;
import ist.spike.common.wire.ErrorCode;
import ist.spike.common.wire.FallbackResponse;
import ist.spike.common.wire.MalformedJsonException;
import ist.spike.common.wire.NoStoreHeaders;
import ist.spike.common.wire.Shard;
import ist.spike.common.wire.keeper.KeeperWireJson;
import ist.spike.common.wire.keeper.ShardContributeRequest;
import ist.spike.common.wire.keeper.ShardContributeResponse;
import ist.spike.common.wire.keeper.ShardGetResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.function.Function;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keeper's two routes, exactly as upstream (docs/api.md, "Keeper API"): {@code /v1/store/contribute} from Nexus, or
 * from Bootstrap while the keeper holds nothing; {@code /v1/store/shard} for Nexus only. Anything else answers 400
 * api_bad_request. Every request
 * leaves one audit line ({@link KeeperAudit}) before its effect; one whose line cannot be written is answered
 * 503 state_not_ready and has none. Each answer is counted ({@link KeeperCounters}).
 */
public final class KeeperApi implements HttpHandler {
    static final String CONTRIBUTE = "/v1/store/contribute";
    static final String SHARD = "/v1/store/shard";
    private static final int MAX_BODY = 4096;
    private static final Logger LOG = LoggerFactory.getLogger(KeeperApi.class);

    private final ShardHolder holder;
    private final KeeperCallers callers;
    private final KeeperAudit audit;
    private final KeeperCounters counters;

    KeeperApi(ShardHolder holder, KeeperCallers callers, AuditSink audit, KeeperCounters counters) {
        this.holder = holder;
        this.callers = callers;
        this.audit = new KeeperAudit(audit);
        this.counters = counters;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            // Every body is read before answering: the JDK server closes a connection whose request body was
            // left unread, after the answer, which a client reusing the connection only notices by timing out.
            route(exchange, body(exchange));
        } catch (RuntimeException e) {
            // A bug, not the caller's fault; exceptions here never carry shard bytes.
            LOG.error("keeper request failed", e);
            if (exchange.getResponseCode() == -1) {
                send(exchange, 500, KeeperWireJson.write(FallbackResponse.error(ErrorCode.API_INTERNAL_ERROR)));
            }
        } finally {
            if (exchange.getResponseCode() != -1) {
                counters.answered(exchange.getRequestURI().getRawPath(), exchange.getResponseCode());
            }
            exchange.close();
        }
    }

    private void route(HttpExchange exchange, byte[] body) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        boolean post = "POST".equals(exchange.getRequestMethod()) && !hasAction(exchange.getRequestURI().getRawQuery());
        SpiffeId caller = peerId(exchange);
        Function<ErrorCode, byte[]> errorBody = code -> KeeperWireJson.write(FallbackResponse.error(code));
        try {
            if (post && CONTRIBUTE.equals(path)) {
                errorBody = code -> KeeperWireJson.write(ShardContributeResponse.error(code));
                contribute(exchange, caller, body, errorBody);
            } else if (post && SHARD.equals(path)) {
                errorBody = code -> KeeperWireJson.write(ShardGetResponse.error(code));
                shard(exchange, caller, body, errorBody);
            } else {
                refuse(exchange, caller, path, ErrorCode.API_BAD_REQUEST, errorBody);
            }
        } catch (AuditUnavailableException e) {
            // The sink reports its failures itself; the request had no effect.
            LOG.debug("request refused: its audit line could not be written: {}", e.getMessage());
            send(exchange, ErrorCode.STATE_NOT_READY.httpStatus(), errorBody.apply(ErrorCode.STATE_NOT_READY));
        }
    }

    /** Audits the refusal, then answers it. */
    private void refuse(HttpExchange exchange, SpiffeId caller, String route, ErrorCode code,
            Function<ErrorCode, byte[]> errorBody) throws IOException, AuditUnavailableException {
        audit.record(caller, route, code.wireCode(), code.httpStatus());
        send(exchange, code.httpStatus(), errorBody.apply(code));
        counters.refused(code);
    }

    private void contribute(HttpExchange exchange, SpiffeId caller, byte[] body, Function<ErrorCode, byte[]> errorBody)
            throws IOException, AuditUnavailableException {
        boolean fromNexus = callers.isNexus(caller);
        if (!fromNexus && !callers.isBootstrap(caller)) {
            refuse(exchange, caller, CONTRIBUTE, ErrorCode.ACCESS_UNAUTHORIZED, errorBody);
            return;
        }
        ShardContributeRequest request;
        try {
            request = KeeperWireJson.readContribute(body);
        } catch (MalformedJsonException e) {
            refuse(exchange, caller, CONTRIBUTE, ErrorCode.API_BAD_REQUEST, errorBody);
            return;
        }
        Shard shard = request.shard();
        if (shard == null || shard.isAllZero()) {
            refuse(exchange, caller, CONTRIBUTE, ErrorCode.API_BAD_REQUEST, errorBody);
            return;
        }
        byte[] value = shard.copyBytes();
        try {
            // Bootstrap seeds an empty keeper; once it holds a shard only Nexus may replace it.
            if (!fromNexus && holder.isPresent()) {
                LOG.warn("refused a shard from {}: this keeper already holds one, which only Nexus may replace", caller);
                refuse(exchange, caller, CONTRIBUTE, ErrorCode.ACCESS_UNAUTHORIZED, errorBody);
                return;
            }
            audit.record(caller, CONTRIBUTE, "ok", 200); // before the shard is kept: no unaudited change
            if (!(fromNexus ? holder.set(value) : holder.setIfEmpty(value))) {
                // Another Bootstrap request filled it between the check and here.
                refuse(exchange, caller, CONTRIBUTE, ErrorCode.ACCESS_UNAUTHORIZED, errorBody);
                return;
            }
        } finally {
            Arrays.fill(value, (byte) 0);
            shard.destroy();
        }
        LOG.info("shard received from {}", caller);
        send(exchange, 200, KeeperWireJson.write(ShardContributeResponse.OK));
    }

    private void shard(HttpExchange exchange, SpiffeId caller, byte[] body, Function<ErrorCode, byte[]> errorBody)
            throws IOException, AuditUnavailableException {
        if (!callers.isNexus(caller)) {
            refuse(exchange, caller, SHARD, ErrorCode.ACCESS_UNAUTHORIZED, errorBody);
            return;
        }
        try {
            KeeperWireJson.readShardGet(body);
        } catch (MalformedJsonException e) {
            refuse(exchange, caller, SHARD, ErrorCode.API_BAD_REQUEST, errorBody);
            return;
        }
        byte[] value = holder.copy();
        if (value == null) {
            refuse(exchange, caller, SHARD, ErrorCode.API_BAD_REQUEST, errorBody);
            return;
        }
        Shard shard = Shard.copyOf(value);
        Arrays.fill(value, (byte) 0);
        try {
            audit.record(caller, SHARD, "ok", 200); // before the shard leaves: no unaudited read
            send(exchange, 200, KeeperWireJson.write(ShardGetResponse.of(shard)));
        } finally {
            shard.destroy();
        }
    }

    /** Upstream routes by {@code ?action=}; the keeper has no actions, so any is a bad request. */
    static boolean hasAction(String rawQuery) {
        if (rawQuery == null) {
            return false;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith("action=") && pair.length() > "action=".length()) {
                return true;
            }
        }
        return false;
    }

    /** The caller, from the client chain the handshake validated (the server demands one). */
    private static SpiffeId peerId(HttpExchange exchange) {
        try {
            Certificate[] chain = ((HttpsExchange) exchange).getSSLSession().getPeerCertificates();
            return PeerIds.fromChain(Arrays.copyOf(chain, chain.length, X509Certificate[].class));
        } catch (SSLPeerUnverifiedException | CertificateException e) {
            // The trust manager already required one URI SAN: this is a wiring error.
            throw new IllegalStateException("request without a usable client certificate", e);
        }
    }

    /** The request body; one over {@link #MAX_BODY} bytes reads as empty, which no route accepts. */
    private static byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            return body.length > MAX_BODY ? new byte[0] : body;
        }
    }

    /** Sends a body from {@link KeeperWireJson}, then zeroes it (it may hold the shard). */
    private static void send(HttpExchange exchange, int status, byte[] json) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        NoStoreHeaders.ALL.forEach(headers::set);
        exchange.sendResponseHeaders(status, json.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(json);
        } finally {
            Arrays.fill(json, (byte) 0);
        }
    }
}
