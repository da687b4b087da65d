package ist.spike.common.spiffe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.common.testsupport.Await;
import ist.spike.devid.DevIdentityProvider;
import ist.spike.devid.MintedSvid;
import ist.spike.devid.SvidFiles;
import io.spiffe.exception.BundleNotFoundException;
import io.spiffe.spiffeid.TrustDomain;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SvidFilesIdentitySourceTest {
    private static final Duration FAST_CHECKS = Duration.ofMillis(50);
    private static DevIdentityProvider provider;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start(@TempDir Path work) {
        provider = DevIdentityProvider.start(work, "spike.ist", Duration.ofMinutes(10));
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    @Test
    void loadsTheSvidAndTheBundleOfItsTrustDomain() throws Exception {
        Path dir = provider.writeSvidFiles("spiffe://spike.ist/spike/keeper", tmp.resolve("keeper"));
        try (var source = SvidFilesIdentitySource.open(dir, FAST_CHECKS)) {
            assertEquals("spiffe://spike.ist/spike/keeper", source.spiffeId().toString());
            assertEquals("SVID files in " + dir, source.description());
            var bundle = source.x509Source().getBundleForTrustDomain(TrustDomain.parse("spike.ist"));
            assertTrue(bundle.hasX509Authority(provider.caCertificate()));
            assertThrows(BundleNotFoundException.class,
                    () -> source.x509Source().getBundleForTrustDomain(TrustDomain.parse("other.org")));
        }
    }

    @Test
    void picksUpRewrittenFilesEvenWithAnotherId() throws Exception {
        Path dir = tmp.resolve("svid");
        SvidFiles.write(provider.mint("spiffe://spike.ist/spike/nexus"), dir);
        try (var source = SvidFilesIdentitySource.open(dir, FAST_CHECKS)) {
            assertEquals("spiffe://spike.ist/spike/nexus", source.spiffeId().toString());
            MintedSvid next = provider.mint("spiffe://spike.ist/spike/nexus/second");
            SvidFiles.write(next, dir);
            Await.until(Duration.ofSeconds(5), "the rewritten SVID",
                    () -> source.svid().getLeaf().getSerialNumber().equals(next.leaf().getSerialNumber()));
            assertEquals("spiffe://spike.ist/spike/nexus/second", source.spiffeId().toString());
        }
    }

    @Test
    void followsTheProvidersRotation() throws Exception {
        Path dir = provider.writeSvidFiles("spiffe://spike.ist/spike/bootstrap", tmp.resolve("b"));
        try (var source = SvidFilesIdentitySource.open(dir, FAST_CHECKS)) {
            BigInteger before = source.svid().getLeaf().getSerialNumber();
            provider.rotateNow();
            Await.until(Duration.ofSeconds(5), "the rotated SVID",
                    () -> !source.svid().getLeaf().getSerialNumber().equals(before));
        }
    }

    @Test
    void keepsTheLastGoodSvidWhileTheFilesAreBrokenAndRecoversAfter() throws Exception {
        Path dir = tmp.resolve("svid");
        MintedSvid good = provider.mint("spiffe://spike.ist/spike/nexus");
        SvidFiles.write(good, dir);
        try (var source = SvidFilesIdentitySource.open(dir, FAST_CHECKS)) {
            // A half-written certificate, then a key that belongs to another certificate.
            String pem = Files.readString(dir.resolve("svid.pem"));
            Files.writeString(dir.resolve("svid.pem"), pem.substring(0, pem.length() / 2));
            Thread.sleep(300);
            assertEquals(good.leaf().getSerialNumber(), source.svid().getLeaf().getSerialNumber());
            Files.writeString(dir.resolve("svid.pem"), provider.mint("spiffe://spike.ist/x").chainPem());
            Thread.sleep(300);
            assertEquals(good.leaf().getSerialNumber(), source.svid().getLeaf().getSerialNumber());

            MintedSvid fixed = provider.mint("spiffe://spike.ist/spike/nexus");
            SvidFiles.write(fixed, dir);
            Await.until(Duration.ofSeconds(5), "the repaired SVID",
                    () -> source.svid().getLeaf().getSerialNumber().equals(fixed.leaf().getSerialNumber()));
        }
    }

    @Test
    void aWriterReplacingOneFileAtATimeIsWaitedFor() throws Exception {
        Path dir = tmp.resolve("svid");
        SvidFiles.write(provider.mint("spiffe://spike.ist/spike/nexus"), dir);
        try (var source = SvidFilesIdentitySource.open(dir, FAST_CHECKS)) {
            MintedSvid next = provider.mint("spiffe://spike.ist/spike/nexus");
            Files.writeString(dir.resolve("svid_key.pem"), next.privateKeyPem());
            Thread.sleep(250); // several checks see a key without its certificate
            Files.writeString(dir.resolve("svid.pem"), next.chainPem());
            Await.until(Duration.ofSeconds(5), "the complete new SVID",
                    () -> source.svid().getLeaf().getSerialNumber().equals(next.leaf().getSerialNumber()));
        }
    }

    @Test
    void missingFilesAreAClearError() {
        var e = assertThrows(IdentityUnavailableException.class, () -> SvidFilesIdentitySource.open(tmp.resolve("none")));
        assertTrue(e.getMessage().contains("svid.pem, svid_key.pem and svid_bundle.pem"), e.getMessage());
    }

    @Test
    void errorsNeverShowTheKey() throws Exception {
        Path dir = tmp.resolve("mismatch");
        SvidFiles.write(provider.mint("spiffe://spike.ist/a"), dir);
        String key = Files.readString(dir.resolve("svid_key.pem"));
        Files.writeString(dir.resolve("svid.pem"), provider.mint("spiffe://spike.ist/b").chainPem());
        var e = assertThrows(IdentityUnavailableException.class, () -> SvidFilesIdentitySource.open(dir));
        String body = key.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        assertTrue(!e.getMessage().contains(body) && !e.getMessage().contains("PRIVATE KEY-----"), e.getMessage());
    }
}
