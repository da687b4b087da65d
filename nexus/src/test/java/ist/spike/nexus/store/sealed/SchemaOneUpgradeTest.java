package ist.spike.nexus.store.sealed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.common.crypto.AesGcm;
import ist.spike.nexus.cipher.CipherKeys;
import ist.spike.nexus.cipher.CipherService;
import ist.spike.nexus.keyring.KeyPurpose;
import ist.spike.nexus.keyring.KeyState;
import ist.spike.nexus.policy.PolicyFilter;
import ist.spike.nexus.policy.PolicyService;
import ist.spike.nexus.secret.SecretNotFoundException;
import ist.spike.nexus.secret.SecretService;
import ist.spike.nexus.store.WrongRootKeyException;
import ist.spike.nexus.testing.Files2;
import ist.spike.nexus.testing.Rotations;
import ist.spike.nexus.testing.TestKeys;
import ist.spike.nexus.testing.TestStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed store written by the release before keyrings (fixtures/store-v1, see its README) opens,
 * is upgraded in place with a copy of the old file kept beside it, serves everything it held, keeps the
 * cipher service's earlier ciphertexts decryptable, and loses its legacy generation at the first rotation.
 */
class SchemaOneUpgradeTest {
    private static final Path FIXTURE = Path.of("src/test/resources/fixtures/store-v1");
    private static final byte[] CIPHER_PLAINTEXT = "cipher fixture plaintext v1".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @BeforeEach
    void copyFixture() throws Exception {
        Files.copy(FIXTURE.resolve("spike.db"), dir.resolve("spike.db"));
    }

    @Test
    void aWrongKeyIsRefusedAndTheFileIsNotTouched() throws Exception {
        String before = sha256(dir.resolve("spike.db"));
        assertThrows(WrongRootKeyException.class, () -> TestStores.sqlite(dir, TestKeys.fixed(8)));
        assertEquals(before, sha256(dir.resolve("spike.db")));
        assertFalse(Files.exists(dir.resolve("spike.db.schema-1.bak")), "no copy made for a key that does not fit");
    }

    @Test
    void everythingTheOldReleaseStoredIsServedAfterTheUpgrade() throws Exception {
        try (SealedBackend store = TestStores.sqlite(dir, TestKeys.fixed(7))) {
            assertEverythingThere(store);
            var keyring = store.keyring().keyring();
            assertTrue(keyring.usable(KeyPurpose.STORAGE, 1).orElseThrow().legacy());
            assertEquals(KeyState.DECRYPT_ONLY, keyring.usable(KeyPurpose.STORAGE, 1).orElseThrow().state());
            assertEquals(2, keyring.active(KeyPurpose.STORAGE).generation());
        }
        Path copy = dir.resolve("spike.db.schema-1.bak");
        assertTrue(Files.exists(copy), "the old file is kept beside the upgraded one");
        assertEquals("rw-------", Files2.mode(copy));
        try (SealedBackend again = TestStores.sqlite(dir, TestKeys.fixed(7))) { // reopening: no second upgrade
            assertEverythingThere(again);
        }
    }

    @Test
    void ciphertextsMadeBeforeTheUpgradeDecryptBeforeAndAfterARotation() throws Exception {
        byte[] blob = Files.readAllBytes(FIXTURE.resolve("cipher-stream.bin"));
        String json = Files.readString(FIXTURE.resolve("cipher-json.json"));
        byte[] jsonNonce = Base64.getDecoder().decode(field(json, "nonce"));
        byte[] jsonCiphertext = Base64.getDecoder().decode(field(json, "ciphertext"));
        try (SealedBackend store = TestStores.sqlite(dir, TestKeys.fixed(7))) {
            CipherService cipher = new CipherService();
            cipher.use(CipherKeys.of(store.keyring()));
            assertArrayEquals(CIPHER_PLAINTEXT, decryptBlob(cipher, blob));
            assertArrayEquals(CIPHER_PLAINTEXT, cipher.decrypt(jsonNonce, jsonCiphertext));
            AesGcm.Detached made = cipher.encrypt(CIPHER_PLAINTEXT);

            try (KeyRotation rotation = new KeyRotation(store, Clock.systemUTC(), Rotations.settings())) {
                rotation.rotate();
                Rotations.awaitDone(rotation);
            }
            var keyring = store.keyring().keyring();
            assertTrue(keyring.usable(KeyPurpose.STORAGE, 1).isEmpty(), "the legacy storage key is retired");
            assertTrue(keyring.usable(KeyPurpose.CIPHER, 1).isPresent(), "callers' old ciphertexts still need it");
            assertArrayEquals(CIPHER_PLAINTEXT, decryptBlob(cipher, blob));
            assertArrayEquals(CIPHER_PLAINTEXT, cipher.decrypt(jsonNonce, jsonCiphertext));
            assertArrayEquals(CIPHER_PLAINTEXT, cipher.decrypt(made.nonce(), made.ciphertext()));
            assertEverythingThere(store);
        }
        try (SealedBackend reopened = TestStores.sqlite(dir, TestKeys.fixed(7))) {
            assertEverythingThere(reopened);
        }
    }

    private static void assertEverythingThere(SealedBackend store) {
        SecretService secrets = new SecretService(store, Clock.systemUTC(), 10);
        assertEquals(List.of("app/api-key", "app/db", "gone/all", "pruned", "team/ünïcode/路径"), secrets.list());
        assertEquals(Map.of("user", "app", "password", "pw-3"), secrets.get("app/db", 0));
        assertEquals(Map.of("user", "app", "password", "pw-1"), secrets.get("app/db", 1));
        assertThrows(SecretNotFoundException.class, () -> secrets.get("app/db", 2), "v2 stays soft-deleted");
        assertEquals(Map.of("key", "k-1"), secrets.get("app/api-key", 0));
        assertEquals(Map.of("κλειδί", "τιμή"), secrets.get("team/ünïcode/路径", 0));
        assertThrows(SecretNotFoundException.class, () -> secrets.get("gone/all", 0));
        assertEquals(Map.of("n", "12"), secrets.get("pruned", 0));
        assertEquals(Map.of("n", "3"), secrets.get("pruned", 3));
        assertThrows(SecretNotFoundException.class, () -> secrets.get("pruned", 2));
        var meta = secrets.metadata("app/db", 0);
        assertEquals(3, meta.currentVersion());
        assertEquals(1, meta.oldestVersion());
        assertEquals(10, meta.maxVersions());
        assertEquals(3, meta.versions().size());
        assertEquals(12, secrets.metadata("pruned", 0).currentVersion());
        assertEquals(3, secrets.metadata("pruned", 0).oldestVersion());

        secrets.undelete("gone/all", List.of(2));
        assertEquals(Map.of("v", "gone-2"), secrets.get("gone/all", 0));
        secrets.delete("gone/all", List.of(2));

        PolicyService policies = new PolicyService(store, Clock.systemUTC());
        policies.load();
        assertEquals(List.of("readers", "writers"),
                policies.list(PolicyFilter.ALL).stream().map(p -> p.name()).toList());
        assertEquals("^app/.*$", policies.get("readers").orElseThrow().pathPattern());
        assertEquals(List.of("write"), policies.get("writers").orElseThrow().permissionNames());
    }

    private static byte[] decryptBlob(CipherService cipher, byte[] blob) throws Exception {
        assertEquals(1, blob[0]);
        return cipher.decrypt(Arrays.copyOfRange(blob, 1, 13), Arrays.copyOfRange(blob, 13, blob.length));
    }

    private static String field(String json, String name) {
        int start = json.indexOf('"', json.indexOf("\"" + name + "\"") + name.length() + 3) + 1;
        return json.substring(start, json.indexOf('"', start));
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
