package ist.spike.devid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DevCertificateAuthorityTest {
    private static DevCertificateAuthority ca;

    @BeforeAll
    static void createCa() {
        ca = DevCertificateAuthority.create("spike.ist");
    }

    @Test
    void caCertificateIsACriticalCaThatOnlySignsCertificatesAndCrls() throws Exception {
        X509Certificate cert = ca.certificate();
        assertEquals(Integer.MAX_VALUE, cert.getBasicConstraints());
        assertTrue(cert.getCriticalExtensionOIDs().contains("2.5.29.19"), "basicConstraints critical");
        boolean[] usage = cert.getKeyUsage();
        assertTrue(usage[5], "keyCertSign");
        assertTrue(usage[6], "cRLSign");
        assertFalse(usage[0], "no digitalSignature");
        assertEquals("SHA256withECDSA", cert.getSigAlgName());
        assertEquals(256, ((ECPublicKey) cert.getPublicKey()).getParams().getCurve().getField().getFieldSize());
        cert.verify(cert.getPublicKey());
    }

    @Test
    void leafIsAnX509SvidAsTheStandardDescribesIt() throws Exception {
        MintedSvid svid = ca.mint("spiffe://spike.ist/spike/nexus", Duration.ofMinutes(5));
        X509Certificate leaf = svid.leaf();

        leaf.verify(ca.certificate().getPublicKey());
        assertEquals(-1, leaf.getBasicConstraints(), "not a CA");
        assertEquals("SHA256withECDSA", leaf.getSigAlgName());
        assertEquals("EC", leaf.getPublicKey().getAlgorithm());
        boolean[] usage = leaf.getKeyUsage();
        assertTrue(usage[0] && usage[2] && usage[4], "digitalSignature, keyEncipherment, keyAgreement");
        assertFalse(usage[5] || usage[6], "no certificate or CRL signing");
        assertEquals(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"), leaf.getExtendedKeyUsage());
        Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
        assertEquals(List.of(List.of(6, "spiffe://spike.ist/spike/nexus")), List.copyOf(sans));
        assertEquals(List.of(ca.certificate()), svid.bundle());
        assertEquals("PKCS#8", svid.privateKey().getFormat());
    }

    @Test
    void mintsWithTheRequestedValidityAndAFreshSerialAndKey() {
        Instant notBefore = Instant.parse("2020-01-01T00:00:00Z");
        Instant notAfter = Instant.parse("2020-01-01T01:00:00Z");
        MintedSvid a = ca.mint("spiffe://spike.ist/a", notBefore, notAfter);
        MintedSvid b = ca.mint("spiffe://spike.ist/a", notBefore, notAfter);
        assertEquals(notBefore, a.leaf().getNotBefore().toInstant());
        assertEquals(notAfter, a.leaf().getNotAfter().toInstant());
        assertNotEquals(a.leaf().getSerialNumber(), b.leaf().getSerialNumber());
        assertFalse(java.util.Arrays.equals(a.privateKey().getEncoded(), b.privateKey().getEncoded()));
    }

    @Test
    void refusesIdsOutsideItsTrustDomainOrWithoutPath() {
        assertThrows(IllegalArgumentException.class, () -> ca.mint("spiffe://other.org/spike/nexus", Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> ca.mint("spiffe://spike.ist", Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> ca.mint("https://spike.ist/x", Duration.ofMinutes(1)));
    }

    @Test
    void toStringNeverShowsTheKey() {
        MintedSvid svid = ca.mint("spiffe://spike.ist/x", Duration.ofMinutes(1));
        String text = svid.toString();
        assertFalse(text.contains("PRIVATE"), text);
        assertTrue(text.contains("spiffe://spike.ist/x"), text);
    }
}
