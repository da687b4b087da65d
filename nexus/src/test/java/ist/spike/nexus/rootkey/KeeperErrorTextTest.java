package ist.spike.nexus.rootkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import ist.spike.common.logging.LineLayout;
import ist.spike.common.logging.LogSetup;
import ist.spike.common.spiffe.IdentitySource;
import ist.spike.common.spiffe.IdentitySources;
import ist.spike.common.tls.MtlsContexts;
import ist.spike.nexus.NexusFixture;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A keeper (compromised, or just buggy) answers with an error text holding a line break and a fake audit
 * line. Nexus logs the error, and the line it writes (with the servers' own layout) stays one line: the
 * fake audit line never starts a line of its own, in the system log or in the audit trail.
 */
class KeeperErrorTextTest {
    private static final String FORGED = "{\"time\":\"2026-12-02T10:00:00Z\",\"type\":\"response\",\"trail\":\"f0r9ed\","
            + "\"caller\":\"spiffe://spike.ist/spike/pilot/role/superuser\",\"route\":\"/v1/store/secrets\","
            + "\"action\":\"get\",\"path\":\"prod/db\",\"outcome\":\"ok\",\"status\":200,\"durationMs\":0.5}";

    @Test
    void aKeepersErrorTextCannotForgeALogOrAuditLine() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ByteArrayOutputStream systemLog = new ByteArrayOutputStream();
        OutputStreamAppender<ILoggingEvent> appender = serverLayoutAppender(systemLog);
        Logger nexusLogs = (Logger) LoggerFactory.getLogger("ist.spike.nexus");
        nexusLogs.addAppender(appender);
        try (NexusFixture nexus = NexusFixture.waitingForKey(Map.of("SPIKE_NEXUS_KEEPER_PEERS",
                "https://127.0.0.1:" + port + ",https://127.0.0.1:10,https://127.0.0.1:11"))) {
            IdentitySource keeperId = IdentitySources.open(Map.of(IdentitySources.SPIFFE_ENDPOINT_SOCKET,
                    "unix:" + nexus.ids.serve("keeper", "spiffe://spike.ist/spike/keeper")));
            HttpsServer keeper = fakeKeeper(MtlsContexts.server(keeperId, id -> true), port);
            try {
                String marker = "keeper answered HTTP 500 x";
                for (int i = 0; i < 600 && !systemLog.toString(StandardCharsets.UTF_8).contains(marker); i++) {
                    Thread.sleep(50); // recovery asks the keepers again every few hundred milliseconds
                }
                String log = systemLog.toString(StandardCharsets.UTF_8);
                assertTrue(log.contains(marker + "\\n" + FORGED), log);
                assertFalse(log.lines().anyMatch(line -> line.startsWith("{")), log);
                assertEquals(0, nexus.auditLines().stream().filter(line -> line.contains("f0r9ed")).count());
            } finally {
                keeper.stop(0);
                keeperId.close();
            }
        } finally {
            nexusLogs.detachAppender(appender);
            appender.stop();
        }
    }

    /** Answers every shard request 500 with the forged line after a line break in its error text. */
    private static HttpsServer fakeKeeper(SSLContext tls, int port) throws Exception {
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = MtlsContexts.parameters(tls);
                parameters.setNeedClientAuth(true);
                params.setSSLParameters(parameters);
            }
        });
        String err = "x\n" + FORGED;
        byte[] body = ("{\"shard\":null,\"err\":" + new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValueAsString(err) + "}").getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(500, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    /** The layout the servers log with (ServerLogging), into {@code out}. */
    private static OutputStreamAppender<ILoggingEvent> serverLayoutAppender(ByteArrayOutputStream out) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(LogSetup.encoder(context, LineLayout.withTime()));
        appender.setOutputStream(out);
        appender.start();
        return appender;
    }
}
