package ist.spike.common.monitoring;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import ist.spike.common.config.ListenAddress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health listener, SPIRE's way: plain HTTP on an address of its own, answering {@code GET} (and
 * {@code HEAD}) on exactly three paths. {@code /live}: 200 while the program can serve, else 503.
 * {@code /ready}: 200 when it serves, else 503 with the reason. {@code /metrics}: the Prometheus text
 * format. Anything else is 404, any other method 405, and no answer carries a secret or a caller.
 */
public final class HealthListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HealthListener.class);
    public static final String LIVE = "/live";
    public static final String READY = "/ready";
    public static final String METRICS = "/metrics";

    private final HttpServer server;
    private final ExecutorService executor;
    private final BooleanSupplier live;
    private final Supplier<Readiness> ready;
    private final PrometheusRegistry registry;
    private final PrometheusTextFormatWriter format = PrometheusTextFormatWriter.create();

    private HealthListener(HttpServer server, BooleanSupplier live, Supplier<Readiness> ready,
            PrometheusRegistry registry) {
        this.server = server;
        this.live = live;
        this.ready = ready;
        this.registry = registry;
        // Scrapes and probes are few; one thread keeps a flood of them from taking more than a core.
        this.executor = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("health-listener").daemon()
                .factory());
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /**
     * Binds {@code address} and starts answering.
     *
     * @throws IOException when the address cannot be bound (the program should refuse to start: an
     *                     operator asked for the listener)
     */
    public static HealthListener start(ListenAddress address, BooleanSupplier live, Supplier<Readiness> ready,
            PrometheusRegistry registry) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address.host(), address.port()), 16);
        HealthListener listener = new HealthListener(server, live, ready, registry);
        server.start();
        LOG.info("health listener on http://{}:{} ({}, {}, {})", address.host(), listener.port(), LIVE, READY,
                METRICS);
        return listener;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().close(); // a probe has no body; none is read
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            boolean known = LIVE.equals(path) || READY.equals(path) || METRICS.equals(path);
            if (!known) {
                answer(exchange, 404, "text/plain; charset=utf-8", text("not found"));
                return;
            }
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                answer(exchange, 405, "text/plain; charset=utf-8", text("method not allowed"));
                return;
            }
            switch (path) {
                case LIVE -> {
                    boolean up = live.getAsBoolean();
                    answer(exchange, up ? 200 : 503, "application/json", json(up, up ? "live" : "not serving"));
                }
                case READY -> {
                    Readiness r = ready.get();
                    answer(exchange, r.ready() ? 200 : 503, "application/json", json(r.ready(), r.reason()));
                }
                default -> answer(exchange, 200, PrometheusTextFormatWriter.CONTENT_TYPE, scrape());
            }
        } catch (RuntimeException e) {
            LOG.warn("health listener: {} answering {}", e.getClass().getSimpleName(), exchange.getRequestURI().getRawPath());
        }
    }

    private byte[] scrape() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        format.write(out, registry.scrape(), EscapingScheme.ALLOW_UTF8);
        return out.toByteArray();
    }

    private static void answer(HttpExchange exchange, int status, String contentType, byte[] body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] text(String message) {
        return (message + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Readiness as JSON; the reasons are the program's own fixed words, escaped anyway. */
    static byte[] json(boolean ok, String reason) {
        StringBuilder escaped = new StringBuilder();
        for (char c : reason.toCharArray()) {
            if (c == '"' || c == '\\') {
                escaped.append('\\').append(c);
            } else if (c < 0x20) {
                escaped.append(String.format("\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return ("{\"ready\":" + ok + ",\"reason\":\"" + escaped + "\"}\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
