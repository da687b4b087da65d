package ist.spike.common.spiffe;

import static ist.spike.common.testsupport.TestCertificates.dns;
import static ist.spike.common.testsupport.TestCertificates.uri;
import static ist.spike.common.testsupport.TestCertificates.withSans;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

class PeerIdsTest {
    @Test
    void takesTheIdFromTheOnlyUriSan() throws Exception {
        var cert = withSans(dns("localhost"), uri("spiffe://spike.ist/spike/nexus"));
        assertEquals("spiffe://spike.ist/spike/nexus", PeerIds.fromLeaf(cert).toString());
        assertEquals("spiffe://spike.ist/spike/nexus", PeerIds.fromChain(new X509Certificate[] {cert}).toString());
    }

    @Test
    void refusesACertificateWithoutSans() throws Exception {
        var e = assertThrows(CertificateException.class, () -> PeerIds.fromLeaf(withSans()));
        assertTrue(e.getMessage().contains("exactly one URI SAN"), e.getMessage());
    }

    @Test
    void refusesACertificateWithOnlyDnsNames() throws Exception {
        assertThrows(CertificateException.class, () -> PeerIds.fromLeaf(withSans(dns("spike.ist"))));
    }

    @Test
    void refusesTwoUriSans() throws Exception {
        var cert = withSans(uri("spiffe://spike.ist/spike/pilot/role/superuser"), uri("spiffe://spike.ist/spike/nexus"));
        var e = assertThrows(CertificateException.class, () -> PeerIds.fromLeaf(cert));
        assertTrue(e.getMessage().contains("has 2"), e.getMessage());
    }

    @Test
    void refusesAUriThatIsNotASpiffeId() throws Exception {
        assertThrows(CertificateException.class, () -> PeerIds.fromLeaf(withSans(uri("https://spike.ist/spike/nexus"))));
    }

    @Test
    void refusesAnEmptyChain() {
        assertThrows(CertificateException.class, () -> PeerIds.fromChain(new X509Certificate[0]));
        assertThrows(CertificateException.class, () -> PeerIds.fromChain(null));
    }
}
