package ist.spike.nexus.testing;

import ist.spike.common.tls.MtlsClient;
import ist.spike.devid.MintedSvid;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Clients that trust any server, so that when a call fails it is the server that refused: one that
 * presents no certificate, one that presents an arbitrary minted SVID (e.g. of a foreign trust domain).
 */
public final class RawTlsClients {
    private RawTlsClients() {}

    public static MtlsClient anonymous() throws Exception {
        return MtlsClient.create(context(new KeyManager[0]));
    }

    public static MtlsClient presenting(MintedSvid svid) throws Exception {
        return MtlsClient.create(presentingContext(svid));
    }

    /** The context behind {@link #presenting}, for raw sockets. */
    public static SSLContext presentingContext(MintedSvid svid) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] password = "test".toCharArray();
        store.setKeyEntry("svid", svid.privateKey(), password, svid.chain().toArray(new Certificate[0]));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        return context(factory.getKeyManagers());
    }

    private static SSLContext context(KeyManager[] keyManagers) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers, new TrustManager[] {new TrustEverything()}, null);
        return context;
    }

    private static final class TrustEverything extends X509ExtendedTrustManager {
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
        @Override public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
