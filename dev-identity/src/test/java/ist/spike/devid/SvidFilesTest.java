package ist.spike.devid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spiffe.bundle.x509bundle.X509Bundle;
import io.spiffe.spiffeid.TrustDomain;
import io.spiffe.svid.x509svid.X509Svid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SvidFilesTest {
    @TempDir
    Path tmp;

    @Test
    void writesTheSpiffeHelperLayoutThatJavaSpiffeReads() throws Exception {
        try (var provider = DevIdentityProvider.start(tmp.resolve("w"), "spike.ist", Duration.ofMinutes(5))) {
            Path dir = provider.writeSvidFiles("spiffe://spike.ist/spike/keeper", tmp.resolve("svid/keeper"));

            X509Svid svid = X509Svid.load(dir.resolve("svid.pem"), dir.resolve("svid_key.pem"));
            assertEquals("spiffe://spike.ist/spike/keeper", svid.getSpiffeId().toString());
            X509Bundle bundle = X509Bundle.load(TrustDomain.parse("spike.ist"), dir.resolve("svid_bundle.pem"));
            assertTrue(bundle.hasX509Authority(provider.caCertificate()));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("svid_key.pem"))));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
            assertTrue(Files.readString(dir.resolve("svid_key.pem")).startsWith("-----BEGIN PRIVATE KEY-----\n"));
        }
    }

    @Test
    void rotationRewritesTheFilesWithoutLeavingTemporaries() throws Exception {
        try (var provider = DevIdentityProvider.start(tmp.resolve("w"), "spike.ist", Duration.ofMinutes(5))) {
            Path dir = provider.writeSvidFiles("spiffe://spike.ist/spike/nexus", tmp.resolve("nexus"));
            var before = X509Svid.load(dir.resolve("svid.pem"), dir.resolve("svid_key.pem")).getLeaf().getSerialNumber();
            provider.rotateNow();
            var after = X509Svid.load(dir.resolve("svid.pem"), dir.resolve("svid_key.pem")).getLeaf().getSerialNumber();
            assertNotEquals(before, after);
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(3, files.count(), "only the three SVID files");
            }
        }
    }
}
