import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Usage: java JdkTlsFloor SVID_DIR PORT PATH
 *
 * <p>The least a JVM can do for `spike secret get`: SVID files, the JDK's TLS, HTTP/1.1 by hand, no
 * libraries. hack/bench-cli.sh --jdk-floor times it next to spike, as the floor of any JDK CLI here.
 * Not a client: it checks the chain against the bundle but not Nexus's SPIFFE ID.
 */
public final class JdkTlsFloor {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        Certificate[] chain;
        try (InputStream in = Files.newInputStream(dir.resolve("svid.pem"))) {
            chain = x509.generateCertificates(in).toArray(Certificate[]::new);
        }
        String pem = Files.readString(dir.resolve("svid_key.pem")).replaceAll("-----[A-Z ]+-----|\\s", "");
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("svid", key, new char[0], chain);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(dir.resolve("svid_bundle.pem"))) {
            int i = 0;
            for (Certificate ca : x509.generateCertificates(in)) {
                trust.setCertificateEntry("ca" + i++, ca);
            }
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(keys, new char[0]);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLSv1.3");
        tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        byte[] body = ("{\"path\":\"" + args[2] + "\"}").getBytes(StandardCharsets.UTF_8);
        try (Socket socket = tls.getSocketFactory().createSocket("127.0.0.1", Integer.parseInt(args[1]))) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/store/secrets?action=get HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            ((SSLSocket) socket).getInputStream().transferTo(System.out);
        }
    }
}
