package ist.spike.nexus.store.sealed;

import ist.spike.common.crypto.AeadException;
import ist.spike.common.crypto.AesGcm;
import ist.spike.common.crypto.ConstantTime;
import ist.spike.common.crypto.SecretBytes;
import ist.spike.nexus.keyring.Keyring;
import ist.spike.nexus.store.SecretMetadataRecord;
import ist.spike.nexus.store.SecretVersionRecord;
import ist.spike.nexus.store.records.LegacyRecords;
import ist.spike.nexus.store.records.RecordKey;
import ist.spike.nexus.store.records.RecordKey.Kind;
import ist.spike.nexus.store.records.RecordWriter;
import java.nio.charset.StandardCharsets;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a store written before keyrings (schema 1) under one: its root key becomes the decrypt-only
 * legacy generation 1 (its secret values and policies stay as they are until the first rotation), its
 * plaintext bookkeeping is sealed into indexes and a policy set under the new generation 2.
 */
final class LegacyUpgrade {
    private static final Logger LOG = LoggerFactory.getLogger(LegacyUpgrade.class);
    private static final byte[] KEY_CHECK = "SPIKE for Java key-check v1".getBytes(StandardCharsets.US_ASCII);

    private LegacyUpgrade() {}

    /** Whether {@code rootKey} opens schema 1's key-check record. */
    static boolean keyCheckOpens(byte[] sealedKeyCheck, SecretBytes rootKey) {
        try {
            byte[] plain = AesGcm.create(rootKey).open(sealedKeyCheck, RowPlace.keyCheck().associatedData(1));
            return ConstantTime.equals(plain, KEY_CHECK);
        } catch (AeadException e) {
            return false;
        }
    }

    /** Seals the legacy bookkeeping with {@code sealer} (over {@code keyring}) and drops the legacy tables. */
    static void run(LegacyRecords legacy, RecordWriter writer, RecordSealer sealer, Keyring keyring) {
        int secrets = 0;
        for (LegacyRecords.LegacySecret s : legacy.secrets()) {
            TreeMap<Integer, SecretVersionRecord> versions = new TreeMap<>();
            for (LegacyRecords.LegacyVersion v : s.versions()) {
                versions.put(v.version(), new SecretVersionRecord(v.version(), v.createdTime(), v.deletedTime()));
            }
            SecretIndex index = new SecretIndex(new SecretMetadataRecord(s.currentVersion(), s.oldestVersion(),
                    s.createdTime(), s.updatedTime(), s.maxVersions()), versions);
            writer.put(new RecordKey(Kind.SECRET_INDEX, s.path(), 0),
                    sealer.seal(index.encode(), RowPlace.secretIndex(s.path())));
            secrets++;
        }
        PolicySet policies = PolicySet.empty();
        for (String name : writer.policyNames()) {
            policies = policies.with(name, 0); // schema 1 sealed documents without a revision
        }
        writer.put(new RecordKey(Kind.STATE, PolicySet.RECORD_NAME, 0),
                sealer.seal(policies.encode(), RowPlace.state(PolicySet.RECORD_NAME)));
        legacy.finish();
        LOG.info("upgraded a schema-1 store to a keyring: {} secrets and {} policies; their values stay under the "
                + "legacy generation 1 (the old root key) until the first rotation ('spike operator rotate')",
                secrets, policies.names().size());
    }

}
