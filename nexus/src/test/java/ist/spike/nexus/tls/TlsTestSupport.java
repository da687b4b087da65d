package ist.spike.nexus.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ist.spike.common.spiffe.IdentitySource;
import io.spiffe.provider.SpiffeKeyManager;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.function.Executable;

/** Clients that trust any server, so a refusal can only come from the server under test. */
final class TlsTestSupport {
    private TlsTestSupport() {}

    /** Presents {@code identity}'s SVID but checks nothing about the server. */
    static SSLContext trustingClient(IdentitySource identity) throws Exception {
        return context(new KeyManager[] {new SpiffeKeyManager(identity.x509Source())});
    }

    /** Presents no certificate at all. */
    static SSLContext anonymousClient() throws Exception {
        return context(new KeyManager[0]);
    }

    private static SSLContext context(KeyManager[] keyManagers) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers, new TrustManager[] {new TrustEverything()}, null);
        return context;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The call fails at the connection (a TLS refusal) and no handler ran. */
    static IOException assertRefused(WhoAmIServer server, Executable call) {
        int before = server.handled.get();
        IOException e = assertThrows(IOException.class, call);
        assertEquals(before, server.handled.get(), "no request reached a handler");
        return e;
    }

    private static final class TrustEverything extends X509ExtendedTrustManager {
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
        @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }
}
