package ist.spike.nexus.store.sealed;

import ist.spike.nexus.store.SecretMetadataRecord;
import ist.spike.nexus.store.SecretVersionRecord;
import ist.spike.nexus.store.StoreException;
import ist.spike.nexus.store.StoreIntegrityException;
import ist.spike.nexus.store.WriteTransaction;
import ist.spike.nexus.store.records.RecordKey;
import ist.spike.nexus.store.records.RecordKey.Kind;
import ist.spike.nexus.store.records.RecordReader;
import ist.spike.nexus.store.records.RecordWriter;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The domain's transaction over sealed records. Bookkeeping lives only in sealed records (a secret's
 * {@link SecretIndex}, the {@link PolicySet}); anything storage says that they do not vouch for is
 * ignored, and anything they vouch for that storage lacks or altered is an integrity error. Changed
 * indexes are sealed once, when the operation ends ({@link #flush}).
 */
final class SealedTransaction implements WriteTransaction {
    private static final Logger LOG = LoggerFactory.getLogger(SealedTransaction.class);

    private final RecordReader reader;
    private final RecordWriter writer; // null for reads
    private final RecordSealer sealer;
    private final IndexCache opened;
    private final Map<String, SecretIndex> indexes = new HashMap<>();
    /** The highest stored values record of each indexed path, as read with its index (dropped on a write). */
    private final Map<String, RecordReader.Stored> highestValues = new HashMap<>();
    private final Set<String> changedIndexes = new LinkedHashSet<>();
    private PolicySet policySet;
    private boolean policySetChanged;

    SealedTransaction(RecordReader reader, RecordWriter writer, RecordSealer sealer, IndexCache opened) {
        this.reader = reader;
        this.writer = writer;
        this.sealer = sealer;
        this.opened = opened;
    }

    // ---- secrets ----

    @Override
    public Optional<SecretMetadataRecord> secretMetadata(String path) {
        return index(path).map(SecretIndex::metadata);
    }

    @Override
    public List<SecretVersionRecord> secretVersions(String path) {
        return index(path).map(SecretIndex::versions).orElse(List.of());
    }

    @Override
    public Optional<SecretVersionRecord> secretVersion(String path, int version) {
        return index(path).map(i -> i.version(version));
    }

    @Override
    public Optional<Map<String, String>> secretValues(String path, int version) {
        if (secretVersion(path, version).isEmpty()) {
            return Optional.empty(); // storage may hold a row the index does not list: never served
        }
        RowPlace place = RowPlace.secretValues(path, version);
        RecordReader.Stored highest = highestValues.get(path);
        var stored = (highest != null && highest.key().version() == version ? Optional.of(highest)
                : reader.get(new RecordKey(Kind.SECRET_VALUES, path, version)))
                .orElseThrow(() -> refuse("record " + place.describe() + " is missing"));
        return Optional.of(sealer.open(stored.sealed(), place, SecretValuesCodec::decode));
    }

    @Override
    public List<String> secretPaths() {
        return reader.secretPaths();
    }

    @Override
    public void putSecretMetadata(String path, SecretMetadataRecord metadata) {
        SecretIndex index = index(path).orElseGet(() -> {
            SecretIndex created = new SecretIndex(metadata, new TreeMap<>());
            indexes.put(path, created);
            return created;
        });
        index.setMetadata(metadata);
        changedIndexes.add(path);
    }

    @Override
    public void insertSecretVersion(String path, int version, Map<String, String> values, Instant createdTime) {
        SecretIndex index = index(path).orElseThrow(() -> new StoreException("no metadata for the secret; write it first"));
        if (index.version(version) != null) {
            throw new StoreException("version " + version + " already exists");
        }
        byte[] plaintext = SecretValuesCodec.encode(values);
        try {
            writer().put(new RecordKey(Kind.SECRET_VALUES, path, version),
                    sealer.seal(plaintext, RowPlace.secretValues(path, version)));
            highestValues.remove(path);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
        index.putVersion(new SecretVersionRecord(version, createdTime, null));
        changedIndexes.add(path);
    }

    @Override
    public void setSecretVersionDeletedTime(String path, int version, Instant deletedTime) {
        Optional<SecretIndex> index = index(path);
        SecretVersionRecord old = index.map(i -> i.version(version)).orElse(null);
        if (old == null) {
            return;
        }
        index.get().putVersion(new SecretVersionRecord(version, old.createdTime(), deletedTime));
        changedIndexes.add(path);
    }

    @Override
    public void removeSecretVersions(String path, Collection<Integer> versions) {
        Optional<SecretIndex> index = index(path);
        if (index.isEmpty()) {
            return;
        }
        highestValues.remove(path);
        for (int version : versions) {
            writer().delete(new RecordKey(Kind.SECRET_VALUES, path, version));
            index.get().removeVersion(version);
        }
        changedIndexes.add(path);
    }

    /** The index of {@code path}, opened once per transaction. */
    private Optional<SecretIndex> index(String path) {
        SecretIndex cached = indexes.get(path);
        if (cached != null) {
            return Optional.of(cached);
        }
        var found = reader.secretIndex(path);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        RowPlace place = RowPlace.secretIndex(path);
        SecretIndex index = opened.get(path, found.get().index());
        if (index == null) {
            index = sealer.open(found.get().index(), place, SecretIndex::decode);
            opened.put(path, found.get().index(), index);
        }
        if (found.get().highestStoredVersion() > index.highestVersion()) {
            throw refuse("secret '" + path + "' has stored version " + found.get().highestStoredVersion()
                    + " that its sealed index does not list (an older index was put back?)");
        }
        indexes.put(path, index);
        if (found.get().highestValues() != null) {
            highestValues.put(path, found.get().highestValues());
        }
        return Optional.of(index);
    }

    // ---- policies ----

    @Override
    public Optional<byte[]> policy(String name) {
        Integer revision = policySet().revision(name);
        if (revision == null) {
            return Optional.empty(); // a row the set does not list (a deleted policy copied back) is ignored
        }
        RowPlace place = RowPlace.policyDocument(name, revision);
        var stored = reader.get(new RecordKey(Kind.POLICY, name, revision))
                .orElseThrow(() -> refuse("record " + place.describe() + " is missing"));
        if (stored.key().version() != revision) {
            throw refuse("record " + place.describe() + " is not the revision the policy set lists");
        }
        return Optional.of(sealer.open(stored.sealed(), place));
    }

    @Override
    public List<String> policyNames() {
        return policySet().names();
    }

    @Override
    public SortedMap<String, byte[]> policies() {
        SortedMap<String, byte[]> out = new TreeMap<>();
        for (String name : policyNames()) {
            out.put(name, policy(name).orElseThrow());
        }
        return out;
    }

    @Override
    public void putPolicy(String name, byte[] document) {
        PolicySet set = policySet();
        int revision = set.nextRevision();
        writer().put(new RecordKey(Kind.POLICY, name, revision),
                sealer.seal(document, RowPlace.policyDocument(name, revision)));
        policySet = set.with(name, revision);
        policySetChanged = true;
    }

    @Override
    public boolean deletePolicy(String name) {
        PolicySet set = policySet();
        if (set.revision(name) == null) {
            return false;
        }
        writer().delete(new RecordKey(Kind.POLICY, name, 0));
        policySet = set.without(name);
        policySetChanged = true;
        return true;
    }

    private PolicySet policySet() {
        if (policySet == null) {
            policySet = loadPolicySet(reader, sealer);
        }
        return policySet;
    }

    static PolicySet loadPolicySet(RecordReader reader, RecordSealer sealer) {
        var stored = reader.get(new RecordKey(Kind.STATE, PolicySet.RECORD_NAME, 0));
        if (stored.isEmpty()) {
            if (!reader.policyNames().isEmpty()) {
                throw refuse("policy records exist but the sealed policy set is missing");
            }
            return PolicySet.empty();
        }
        return sealer.open(stored.get().sealed(), RowPlace.state(PolicySet.RECORD_NAME), PolicySet::decode);
    }

    // ---- end of operation ----

    /** Seals and writes every index and the policy set this operation changed. */
    void flush() {
        for (String path : changedIndexes) {
            byte[] plaintext = indexes.get(path).encode();
            writer().put(new RecordKey(Kind.SECRET_INDEX, path, 0), sealer.seal(plaintext, RowPlace.secretIndex(path)));
        }
        changedIndexes.clear();
        if (policySetChanged) {
            writer().put(new RecordKey(Kind.STATE, PolicySet.RECORD_NAME, 0),
                    sealer.seal(policySet.encode(), RowPlace.state(PolicySet.RECORD_NAME)));
            policySetChanged = false;
        }
    }

    private RecordWriter writer() {
        if (writer == null) {
            throw new IllegalStateException("read-only transaction");
        }
        return writer;
    }

    /** Logged here, once, because callers map it to a plain 500 and the operator needs to know. */
    static StoreIntegrityException refuse(String message) {
        LOG.error("STORE INTEGRITY: {}; the read was refused", message);
        return new StoreIntegrityException(message);
    }

    @Override
    public String toString() {
        return "SealedTransaction";
    }
}
