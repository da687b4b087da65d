package ist.spike.devid;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority for one trust domain: an EC P-256 key that lives only in this
 * process's memory, and a self-signed CA certificate. It signs X.509-SVIDs as the SPIFFE X.509-SVID
 * standard describes them. For development and tests only: nothing protects this key.
 */
final class DevCertificateAuthority {
    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    /** Covers a clock that is a little behind, as SPIRE's backdating does. */
    private static final Duration BACKDATE = Duration.ofSeconds(30);
    private static final Duration CA_LIFETIME = Duration.ofDays(365);

    private final String trustDomain;
    private final KeyPair caKeys;
    private final X509Certificate caCertificate;
    private final SecureRandom random;

    private DevCertificateAuthority(String trustDomain, KeyPair caKeys, X509Certificate caCertificate,
                                    SecureRandom random) {
        this.trustDomain = trustDomain;
        this.caKeys = caKeys;
        this.caCertificate = caCertificate;
        this.random = random;
    }

    static DevCertificateAuthority create(String trustDomain) {
        try {
            SecureRandom random = SecureRandom.getInstance("DEFAULT", BcFips.provider());
            KeyPair keys = newKeyPair(random);
            Instant now = Instant.now();
            X500Principal name = new X500Principal(
                    "CN=SPIKE dev CA " + trustDomain + " (NOT FOR PRODUCTION), O=SPIKE dev identity");
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(random),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(CA_LIFETIME)), name, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyId(keys.getPublic())));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
                    new GeneralName(GeneralName.uniformResourceIdentifier, "spiffe://" + trustDomain)));
            X509Certificate certificate = sign(builder, keys, random);
            return new DevCertificateAuthority(trustDomain, keys, certificate, random);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot create the dev CA for " + trustDomain, e);
        }
    }

    String trustDomain() {
        return trustDomain;
    }

    X509Certificate certificate() {
        return caCertificate;
    }

    /** A fresh key and a leaf certificate for {@code spiffeId}, valid from notBefore to notAfter. */
    MintedSvid mint(String spiffeId, Instant notBefore, Instant notAfter) {
        requireInTrustDomain(spiffeId);
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("notAfter must be after notBefore");
        }
        try {
            KeyPair keys = newKeyPair(random);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caCertificate, serial(random),
                    Date.from(notBefore), Date.from(notAfter),
                    new X500Principal("O=SPIKE dev identity (NOT FOR PRODUCTION)"), keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(
                    KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.keyAgreement));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            builder.addExtension(Extension.subjectAlternativeName, true, new GeneralNames(
                    new GeneralName(GeneralName.uniformResourceIdentifier, spiffeId)));
            builder.addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyId(keys.getPublic())));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new AuthorityKeyIdentifier(keyId(caKeys.getPublic())));
            X509Certificate leaf = sign(builder, caKeys, random);
            return new MintedSvid(spiffeId, List.of(leaf), keys.getPrivate(), List.of(caCertificate));
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot mint an SVID for " + spiffeId, e);
        }
    }

    /** An SVID valid from now (backdated a little) for {@code ttl}, never past the CA's own expiry. */
    MintedSvid mint(String spiffeId, Duration ttl) {
        Instant now = Instant.now();
        Instant notAfter = now.plus(ttl);
        Instant caNotAfter = caCertificate.getNotAfter().toInstant();
        return mint(spiffeId, now.minus(BACKDATE), notAfter.isAfter(caNotAfter) ? caNotAfter : notAfter);
    }

    private void requireInTrustDomain(String spiffeId) {
        URI uri = URI.create(spiffeId);
        if (!"spiffe".equals(uri.getScheme()) || !trustDomain.equals(uri.getHost())
                || uri.getPath() == null || uri.getPath().isEmpty()) {
            throw new IllegalArgumentException(
                    "not a SPIFFE ID with a path in trust domain " + trustDomain + ": " + spiffeId);
        }
    }

    private static KeyPair newKeyPair(SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BcFips.provider());
        generator.initialize(new ECGenParameterSpec("P-256"), random);
        return generator.generateKeyPair();
    }

    /** A positive 127-bit serial: unique enough that rotation visibly changes it. */
    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(127, random).setBit(0);
    }

    /** RFC 7093 method 1: the leftmost 160 bits of SHA-256 of the public key bits (no SHA-1 needed). */
    private static byte[] keyId(PublicKey key) throws GeneralSecurityException {
        byte[] keyBits = SubjectPublicKeyInfo.getInstance(key.getEncoded()).getPublicKeyData().getBytes();
        return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(keyBits), 20);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer, SecureRandom random)
            throws GeneralSecurityException {
        try {
            ContentSigner contentSigner = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM)
                    .setProvider(BcFips.provider()).setSecureRandom(random).build(signer.getPrivate());
            byte[] der = builder.build(contentSigner).getEncoded();
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (OperatorCreationException | IOException e) {
            throw new GeneralSecurityException("certificate signing failed", e);
        }
    }
}
