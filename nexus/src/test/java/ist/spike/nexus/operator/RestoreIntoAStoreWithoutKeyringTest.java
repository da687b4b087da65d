package ist.spike.nexus.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ist.spike.common.crypto.SecretBytes;
import ist.spike.common.shamir.Shamir;
import ist.spike.common.shamir.Share;
import ist.spike.common.tls.MtlsResponse;
import ist.spike.nexus.NexusFixture;
import ist.spike.nexus.testing.TestStores;
import java.nio.file.Files;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/**
 * A restore identity against a Nexus whose store has no keyring yet (keepers unreachable, nothing stored):
 * the attacker's own key is refused, the store is not bound to it, and Nexus keeps waiting.
 */
class RestoreIntoAStoreWithoutKeyringTest {
    private static final String RESTORE = "spiffe://spike.ist/spike/pilot/role/restore";

    @Test
    void aRestoredKeyIsNeverBoundToAStoreThatCannotCheckIt() throws Exception {
        try (NexusFixture nexus = NexusFixture.waitingForKey()) {
            SecretBytes chosen = Shamir.newRootKey();
            List<Share> shares = Shamir.split(chosen, 2, 3);
            assertEquals(200, restore(nexus, shares.get(0)).status());
            MtlsResponse last = restore(nexus, shares.get(1));
            assertEquals(400, last.status(), last.bodyText());
            assertFalse(nexus.server.isReady());
            assertFalse(Files.exists(nexus.dataDir.resolve("spike.db")) && TestStores.isInitialised(nexus.dataDir),
                    "no keyring was written under the restorer's key");
            assertEquals(503, nexus.post(NexusFixture.SUPERUSER, "/v1/store/secrets", "list", "{}").status());
        }
    }

    private static MtlsResponse restore(NexusFixture nexus, Share share) throws Exception {
        StringJoiner bytes = new StringJoiner(",", "[", "]");
        for (byte b : share.value()) {
            bytes.add(Integer.toString(b & 0xff));
        }
        return nexus.post(RESTORE, "/v1/operator/restore", "", "{\"id\":" + share.id() + ",\"shard\":" + bytes + "}");
    }
}
