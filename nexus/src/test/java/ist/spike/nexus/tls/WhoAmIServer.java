package ist.spike.nexus.tls;

import io.javalin.Javalin;
import ist.spike.common.tls.MtlsServerOptions;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/** A Javalin mTLS server for tests: answers the caller's SPIFFE ID and counts handled requests. */
final class WhoAmIServer implements AutoCloseable {
    final Javalin app;
    final AtomicInteger handled = new AtomicInteger();

    WhoAmIServer(SSLContext tls, MtlsServerOptions options) {
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            MtlsServer.install(cfg, tls, options);
            cfg.routes.post("/whoami", ctx -> {
                handled.incrementAndGet();
                var chain = (X509Certificate[]) ctx.req().getAttribute(MtlsServer.CLIENT_CHAIN_ATTRIBUTE);
                ctx.header("X-Client-Serial", chain[0].getSerialNumber().toString(16));
                ctx.header("X-Virtual-Thread", String.valueOf(Thread.currentThread().isVirtual()));
                ctx.result(MtlsServer.peerId(ctx).toString());
            });
            cfg.routes.post("/echo", ctx -> {
                handled.incrementAndGet();
                ctx.contentType(ctx.contentType()).result(ctx.bodyAsBytes());
            });
            cfg.routes.post("/big", ctx -> {
                handled.incrementAndGet();
                ctx.contentType("application/json").result("{\"v\":\"" + "x".repeat(64 * 1024) + "\"}");
            });
            cfg.routes.post("/slow", ctx -> {
                handled.incrementAndGet();
                Thread.sleep(1_000);
                ctx.result("done");
            });
        }).start();
    }

    static WhoAmIServer start(SSLContext tls) {
        return new WhoAmIServer(tls, MtlsServerOptions.listen("127.0.0.1", 0));
    }

    URI uri(String path) {
        return URI.create("https://localhost:" + app.port() + path);
    }

    @Override
    public void close() {
        app.stop();
    }
}
