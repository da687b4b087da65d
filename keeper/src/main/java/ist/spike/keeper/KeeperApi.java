package ist.spike.keeper;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.spiffe.spiffeid.SpiffeId;
import ist.spike.common.spiffe.Role;
import ist.spike.common.spiffe.Roles;
import ist.spike.common.tls.MtlsServer;
import ist.spike.common.wire.ErrorCode;
import ist.spike.common.wire.FallbackResponse;
import ist.spike.common.wire.MalformedJsonException;
import ist.spike.common.wire.Shard;
import ist.spike.common.wire.WireJson;
import ist.spike.common.wire.keeper.ShardContributeRequest;
import ist.spike.common.wire.keeper.ShardContributeResponse;
import ist.spike.common.wire.keeper.ShardGetRequest;
import ist.spike.common.wire.keeper.ShardGetResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keeper's two routes, exactly as upstream (spec §4.2): {@code /v1/store/contribute} from Nexus or
 * Bootstrap, {@code /v1/store/shard} for Nexus only. Anything else answers 400 api_bad_request.
 */
public final class KeeperApi {
    static final String CONTRIBUTE = "/v1/store/contribute";
    static final String SHARD = "/v1/store/shard";
    private static final int MAX_BODY = 4096;
    private static final Logger LOG = LoggerFactory.getLogger(KeeperApi.class);

    private final ShardHolder holder;
    private final Roles roles;

    public KeeperApi(ShardHolder holder, Roles roles) {
        this.holder = holder;
        this.roles = roles;
    }

    public void install(JavalinConfig cfg) {
        for (HandlerType type : HandlerType.values()) {
            if (type.isHttpMethod()) {
                cfg.routes.addHttpHandler(type, "/", this::handle);
                cfg.routes.addHttpHandler(type, "/<path>", this::handle);
            }
        }
    }

    private void handle(Context ctx) {
        String action = ctx.queryParam("action");
        boolean post = ctx.method() == HandlerType.POST && (action == null || action.isEmpty());
        if (post && CONTRIBUTE.equals(ctx.path())) {
            contribute(ctx, MtlsServer.peerId(ctx));
        } else if (post && SHARD.equals(ctx.path())) {
            shard(ctx, MtlsServer.peerId(ctx));
        } else {
            send(ctx, 400, FallbackResponse.error(ErrorCode.API_BAD_REQUEST));
        }
    }

    private void contribute(Context ctx, SpiffeId caller) {
        if (!roles.is(Role.NEXUS, caller) && !roles.is(Role.BOOTSTRAP, caller)) {
            send(ctx, 401, ShardContributeResponse.error(ErrorCode.ACCESS_UNAUTHORIZED));
            return;
        }
        ShardContributeRequest request;
        try {
            request = WireJson.read(body(ctx), ShardContributeRequest.class);
        } catch (MalformedJsonException | IOException e) {
            send(ctx, 400, ShardContributeResponse.error(ErrorCode.API_BAD_REQUEST));
            return;
        }
        Shard shard = request.shard();
        if (shard == null || shard.isAllZero()) {
            send(ctx, 400, ShardContributeResponse.error(ErrorCode.API_BAD_REQUEST));
            return;
        }
        byte[] value = shard.copyBytes();
        try {
            holder.set(value);
        } finally {
            Arrays.fill(value, (byte) 0);
            shard.destroy();
        }
        LOG.info("shard received from {}", caller);
        send(ctx, 200, ShardContributeResponse.OK);
    }

    private void shard(Context ctx, SpiffeId caller) {
        if (!roles.is(Role.NEXUS, caller)) {
            send(ctx, 401, ShardGetResponse.error(ErrorCode.ACCESS_UNAUTHORIZED));
            return;
        }
        try {
            WireJson.read(body(ctx), ShardGetRequest.class);
        } catch (MalformedJsonException | IOException e) {
            send(ctx, 400, ShardGetResponse.error(ErrorCode.API_BAD_REQUEST));
            return;
        }
        byte[] value = holder.copy();
        if (value == null) {
            send(ctx, 400, ShardGetResponse.error(ErrorCode.API_BAD_REQUEST));
            return;
        }
        Shard shard = Shard.copyOf(value);
        Arrays.fill(value, (byte) 0);
        try {
            send(ctx, 200, ShardGetResponse.of(shard));
        } finally {
            shard.destroy();
        }
    }

    private static byte[] body(Context ctx) throws IOException {
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new IOException("body too large");
            }
            return body;
        }
    }

    private static void send(Context ctx, int status, Object body) {
        ctx.header("Cache-Control", "no-store, no-cache, must-revalidate, private");
        ctx.header("Pragma", "no-cache");
        ctx.header("Expires", "0");
        ctx.status(status).contentType("application/json").result(WireJson.write(body));
    }
}
